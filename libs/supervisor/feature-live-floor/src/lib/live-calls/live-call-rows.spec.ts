import type { LiveChannel } from '@switchboard/shared/contracts';
import { liveCallRows } from './live-call-rows';

const leg = (uuid: string, extra: Partial<LiveChannel>): LiveChannel => ({
  uuid,
  callUuid: uuid,
  node: 'fs1',
  direction: 'INBOUND',
  callerNumber: '+15550100',
  callerName: null,
  destination: '9200',
  state: 'answered',
  createdAt: '2025-03-04T09:00:00.000Z',
  answeredAt: '2025-03-04T09:00:01.000Z',
  bridgedTo: null,
  queue: null,
  agent: null,
  ...extra,
});

describe('live call rows', () => {
  it('shows a queue call’s caller leg and agent leg as one call, with the queue and the agent', () => {
    const caller = leg('a', { queue: 'support@default', bridgedTo: 'b' });
    const agentLeg = leg('b', {
      destination: '1003',
      createdAt: '2025-03-04T09:00:20.000Z',
      answeredAt: '2025-03-04T09:00:25.000Z',
      agent: 'agent1003@default',
    });
    const rows = liveCallRows([agentLeg, caller]);

    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      callUuid: 'a',
      caller: '+15550100',
      destination: '9200',
      queue: 'support@default',
      agent: 'agent1003@default',
      state: 'talking',
      since: '2025-03-04T09:00:01.000Z',
      channelUuids: ['a', 'b'],
    });
  });

  it('keeps separate calls apart, newest first, and says which still ring or are held', () => {
    const rows = liveCallRows([
      leg('x', { answeredAt: null, state: 'ringing', createdAt: '2025-03-04T09:00:00.000Z' }),
      leg('y', { state: 'held', createdAt: '2025-03-04T09:05:00.000Z' }),
      leg('z', { state: 'hangup' }),
    ]);
    expect(rows.map((row) => [row.callUuid, row.state])).toEqual([
      ['y', 'held'],
      ['x', 'ringing'],
    ]);
  });
});
