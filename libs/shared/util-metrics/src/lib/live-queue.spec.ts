import type { LiveAgent, LiveQueueMember } from '@switchboard/shared/contracts';
import { liveQueueStatus } from './live-queue';

const member = (joinedAt: string, state: LiveQueueMember['state']): LiveQueueMember => ({
  memberUuid: `m-${joinedAt}`,
  sessionUuid: `s-${joinedAt}`,
  callerNumber: null,
  callerName: null,
  joinedAt,
  state,
  agent: null,
});
const agent = (status: LiveAgent['status'], state: LiveAgent['state']) => ({ status, state });

describe('liveQueueStatus', () => {
  const now = new Date('2026-11-30T10:01:00.500Z');

  it('counts callers not yet with an agent and the longest of their waits', () => {
    const s = liveQueueStatus(
      {
        name: 'support@default',
        members: [
          member('2026-11-30T10:00:00Z', 'waiting'),
          member('2026-11-30T09:59:30Z', 'trying'),
          member('2026-11-30T09:58:00Z', 'answered'),
        ],
      },
      [],
      now,
    );
    expect(s).toMatchObject({
      contactsInQueue: 2,
      longestWaitSince: '2026-11-30T09:59:30.000Z',
      longestWaitSeconds: 90,
    });
  });

  it('puts each agent in one bucket; staffed is everyone signed in', () => {
    const s = liveQueueStatus(
      { name: 'support', members: [] },
      [
        agent('Available', 'Waiting'),
        agent('Available (On Demand)', 'Waiting'),
        agent('Available', 'In a queue call'),
        agent('Available', 'Receiving'),
        agent('Available', 'Idle'),
        agent('On Break', 'Idle'),
        agent('Logged Out', 'Waiting'),
      ],
      now,
    );
    expect(s.agents).toEqual({ staffed: 6, available: 2, onCall: 2, afterCallWork: 1, onBreak: 1 });
  });

  it('an empty queue waits 0 s', () => {
    expect(liveQueueStatus({ name: 'support', members: [] }, [], now)).toEqual({
      queue: 'support',
      contactsInQueue: 0,
      longestWaitSince: null,
      longestWaitSeconds: 0,
      agents: { staffed: 0, available: 0, onCall: 0, afterCallWork: 0, onBreak: 0 },
    });
  });
});
