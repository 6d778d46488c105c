import type { LiveChannel } from '@switchboard/shared/contracts';
import { agentCalls, liveCallRows } from './live-call-rows';

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

describe('agent calls', () => {
  const extensions = new Map([
    ['3002', 'liam'],
    ['3003', 'sofia'],
    ['3009', 'zoe'],
    ['3011', 'isla'],
  ]);

  it('gives a queue call to its agent, with the caller', () => {
    const caller = leg('a', { queue: 'vip@default', destination: '9203', bridgedTo: 'b' });
    const agentLeg = leg('b', { destination: '3002', agent: 'liam', createdAt: '2025-03-04T09:00:05.000Z' });
    expect(agentCalls(liveCallRows([caller, agentLeg]), extensions)).toEqual(
      new Map([['liam', { peer: '+15550100', kind: 'queue' }]]),
    );
  });

  it('finds agents on direct calls by their extension: a colleague’s call both ways, and a call out', () => {
    const internal = leg('c', { callerNumber: '3009', destination: '3003', bridgedTo: 'd' });
    const internalB = leg('d', { callerNumber: '3009', destination: '3003', createdAt: '2025-03-04T09:00:02.000Z' });
    const outbound = leg('e', { callerNumber: '3011', destination: '+15555104265' });
    const calls = agentCalls(liveCallRows([internal, internalB, outbound]), extensions);
    expect(calls).toEqual(
      new Map([
        ['zoe', { peer: '3003', kind: 'out' }],
        ['sofia', { peer: '3009', kind: 'in' }],
        ['isla', { peer: '+15555104265', kind: 'out' }],
      ]),
    );
  });

  it('leaves out ended calls, and an agent calling a queue is on that call, not its agent', () => {
    const ended = leg('f', { callerNumber: '3002', destination: '3003', state: 'hangup' });
    const intoQueue = leg('g', { callerNumber: '3011', destination: '9201', queue: 'support@default' });
    expect(agentCalls(liveCallRows([ended, intoQueue]), extensions)).toEqual(
      new Map([['isla', { peer: '9201', kind: 'out' }]]),
    );
  });
});
