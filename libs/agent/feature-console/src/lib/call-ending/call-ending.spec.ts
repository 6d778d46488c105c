import { type CallEndReason, type CallInfo, CallState } from '@switchboard/telephony/sip-core';
import { fakeCall } from '../../../testing/fake-softphone-client';
import { describeCallEnding } from './call-ending';

const ended = (endReason: CallEndReason, overrides: Partial<CallInfo> = {}): CallInfo =>
  fakeCall({
    id: 'c1',
    state: CallState.Ended,
    remoteIdentity: '3001',
    remoteDisplayName: 'Ana Agent',
    endReason,
    ...overrides,
  });

describe('describeCallEnding', () => {
  it('a ringing call another device of the agent answered says so in plain words, and not "missed"', () => {
    const view = describeCallEnding(ended('answered-elsewhere'));
    expect(view).toEqual({
      kind: 'answered-elsewhere',
      title: 'Answered on another device',
      text: 'The call from Ana Agent (3001) was answered on another device signed in as you, not missed.',
    });
    expect(view?.title).not.toMatch(/missed/i);
  });

  it('a caller who gave up, or a PBX that stopped ringing, is a missed call; a number without a name is shown once', () => {
    expect(describeCallEnding(ended('canceled'))).toEqual({
      kind: 'missed',
      title: 'Missed call',
      text: 'Ana Agent (3001) stopped ringing before you answered.',
    });
    expect(describeCallEnding(ended('no-answer', { remoteDisplayName: undefined }))?.text).toBe(
      '3001 stopped ringing before you answered.',
    );
  });

  it('says nothing about calls the agent answered, rejected or placed, nor about a call still going', () => {
    expect(describeCallEnding(ended('hangup-remote', { answeredAt: 1 }))).toBeUndefined();
    // A CANCEL after the agent answered here cannot happen in SIP; an answered call is never "elsewhere".
    expect(describeCallEnding(ended('answered-elsewhere', { answeredAt: 1 }))).toBeUndefined();
    expect(describeCallEnding(ended('rejected'))).toBeUndefined();
    expect(describeCallEnding(ended('canceled', { direction: 'outgoing' }))).toBeUndefined();
    expect(describeCallEnding(ended('canceled', { state: CallState.Incoming }))).toBeUndefined();
  });
});
