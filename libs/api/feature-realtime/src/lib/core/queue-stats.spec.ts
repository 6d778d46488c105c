import type { LiveAgent, LiveQueueMember } from '@switchboard/shared/contracts';
import { baseQueueName, liveQueueStats, sameQueueStats } from './queue-stats';

const member = (uuid: string, joinedAt: string, state: LiveQueueMember['state'] = 'waiting'): LiveQueueMember => ({
  memberUuid: uuid,
  sessionUuid: `s-${uuid}`,
  callerNumber: null,
  callerName: null,
  joinedAt,
  state,
  agent: state === 'answered' ? 'a1' : null,
});
const agent = (name: string, status: LiveAgent['status'], state: LiveAgent['state']): LiveAgent => ({
  name,
  status,
  state,
  statusSince: '2026-11-30T10:00:00.000Z',
  stateSince: '2026-11-30T10:00:00.000Z',
  callUuid: null,
});

describe('liveQueueStats', () => {
  const at = new Date('2026-11-30T10:05:00.000Z');

  it('counts callers not yet with an agent and finds the longest waiting one', () => {
    const stats = liveQueueStats(
      'support@default',
      [
        member('m1', '2026-11-30T10:02:00.000Z'),
        member('m2', '2026-11-30T10:01:00.000Z', 'trying'),
        member('m3', '2026-11-30T09:00:00.000Z', 'answered'),
      ],
      [],
      null,
      at,
    );
    expect(stats).toMatchObject({ waiting: 2, longestWaitSince: '2026-11-30T10:01:00.000Z', at: at.toISOString() });
  });

  it('says nobody waits with null, not a date', () => {
    expect(liveQueueStats('q', [], [], null, at)).toMatchObject({ waiting: 0, longestWaitSince: null });
  });

  it('sorts agents by activity; logged-out agents are not staffed', () => {
    const stats = liveQueueStats(
      'q',
      [],
      [
        agent('a1', 'Available', 'Waiting'),
        agent('a2', 'Available (On Demand)', 'In a queue call'),
        agent('a3', 'Available', 'Receiving'),
        agent('a4', 'Available', 'Idle'),
        agent('a5', 'On Break', 'Waiting'),
        agent('a6', 'Logged Out', 'Waiting'),
      ],
      null,
      at,
    );
    expect(stats.agents).toEqual({ staffed: 5, available: 1, onCall: 2, afterCallWork: 1, onBreak: 1 });
  });

  it('compares tiles without their computation time', () => {
    const a = liveQueueStats('q', [member('m1', '2026-11-30T10:02:00.000Z')], [], null, at);
    const b = liveQueueStats('q', [member('m1', '2026-11-30T10:02:00.000Z')], [], null, new Date());
    expect(sameQueueStats(a, b)).toBe(true);
    expect(sameQueueStats(a, liveQueueStats('q', [], [], null, at))).toBe(false);
  });

  it('strips the domain of FreeSWITCH queue names', () => {
    expect(baseQueueName('support@default')).toBe('support');
    expect(baseQueueName('support')).toBe('support');
  });
});
