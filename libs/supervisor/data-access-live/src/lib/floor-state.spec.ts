import type { LiveChannel, LiveQueueMember } from '@switchboard/shared/contracts';
import { EMPTY_FLOOR, applyLiveEvents } from './floor-state';

const at = '2025-03-04T09:00:00.000Z';
const channel = (uuid: string): LiveChannel => ({
  uuid,
  callUuid: uuid,
  node: 'fs1',
  direction: 'INBOUND',
  callerNumber: null,
  callerName: null,
  destination: null,
  state: 'ringing',
  createdAt: at,
  answeredAt: null,
  bridgedTo: null,
  queue: null,
  agent: null,
});
const member = (uuid: string): LiveQueueMember => ({
  memberUuid: uuid,
  sessionUuid: uuid,
  callerNumber: null,
  callerName: null,
  joinedAt: at,
  state: 'waiting',
  agent: null,
});

describe('applying live events to the floor', () => {
  it('applies a batch in order and leaves the floor it started from untouched', () => {
    const before = applyLiveEvents(EMPTY_FLOOR, [{ type: 'call.started', at, channel: channel('a') }]);
    const after = applyLiveEvents(before, [
      { type: 'call.started', at, channel: channel('b') },
      { type: 'call.ended', at: '2025-03-04T09:00:05.000Z', channel: channel('a'), hangupCause: 'NORMAL_CLEARING' },
      { type: 'queue.joined', at, queue: 'support@default', member: member('m1') },
      { type: 'queue.joined', at, queue: 'support@default', member: member('m2') },
      {
        type: 'queue.left',
        at,
        queue: 'support@default',
        member: member('m1'),
        outcome: 'ANSWERED',
        cancelReason: null,
      },
    ]);

    expect([...after.channels.keys()]).toEqual(['b']);
    expect([...(after.members.get('support@default')?.keys() ?? [])]).toEqual(['m2']);
    expect(after.at).toBe(at);
    expect([...before.channels.keys()]).toEqual(['a']);
    expect(before.members.size).toBe(0);
  });
});
