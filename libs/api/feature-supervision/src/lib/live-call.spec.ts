import type { LiveChannel } from '@switchboard/shared/contracts';
import { agentLegOf, findLiveCall } from './live-call';
import { CallNotLiveError, NotMonitorableError } from './supervision.errors';

const channel = (uuid: string, fields: Partial<LiveChannel> = {}): LiveChannel => ({
  uuid,
  callUuid: 'caller',
  node: 'fs1',
  direction: 'INBOUND',
  callerNumber: null,
  callerName: null,
  destination: null,
  state: 'answered',
  createdAt: '2026-11-30T10:00:00.000Z',
  answeredAt: null,
  bridgedTo: null,
  queue: null,
  agent: null,
  ...fields,
});

describe('live call lookup', () => {
  const caller = channel('caller', { bridgedTo: 'agent-leg', agent: '1001@sb.test', queue: 'support@sb.test' });
  const agentLeg = channel('agent-leg', { bridgedTo: 'caller', createdAt: '2026-11-30T10:00:09.000Z' });
  const snapshot = { channels: [agentLeg, caller] };

  it('finds a call by its uuid or by any of its channels, with its A leg', () => {
    expect(findLiveCall(snapshot, 'agent-leg')).toMatchObject({ callUuid: 'caller', node: 'fs1', aLeg: caller });
    expect(findLiveCall(snapshot, 'caller').channels).toHaveLength(2);
  });

  it('finds the agent’s leg through the caller’s bridge', () => {
    expect(agentLegOf(findLiveCall(snapshot, 'caller'), snapshot)).toEqual({ leg: agentLeg, agent: '1001@sb.test' });
  });

  it('refuses ended calls and calls no agent has taken', () => {
    expect(() => findLiveCall({ channels: [channel('caller', { state: 'hangup' })] }, 'caller')).toThrow(
      CallNotLiveError,
    );
    const waiting = { channels: [channel('caller', { queue: 'support@sb.test' })] };
    expect(() => agentLegOf(findLiveCall(waiting, 'caller'), waiting)).toThrow(NotMonitorableError);
  });
});
