import { type EslEvent, createEslEvent } from '@switchboard/api/data-access-esl';
import { CAPTURES, captureEvents } from '@switchboard/api/data-access-esl/testing';
import { LiveState } from './live-state';

let sequence = 1;
const event = (name: string, headers: Record<string, string>, node = 'core-1'): EslEvent => {
  const e = createEslEvent(
    {
      'Event-Name': name,
      'Core-UUID': node,
      'Event-Sequence': String(sequence++),
      'Event-Date-Timestamp': '1795305600000000',
      ...headers,
    },
    undefined,
  );
  if (typeof e === 'string') throw new Error(e);
  return e;
};
const cc = (action: string, headers: Record<string, string>) =>
  event('CUSTOM', { 'Event-Subclass': 'callcenter::info', 'CC-Action': action, ...headers });
const member = {
  'CC-Queue': 'support@default',
  'CC-Member-UUID': 'm1',
  'CC-Member-Session-UUID': 'caller',
  'CC-Member-CID-Number': '5551234',
};

describe('LiveState', () => {
  it('tracks a queue call from joining to answer to hangup, with typed events', () => {
    const live = new LiveState();
    const types = [
      ...live.apply(
        event('CHANNEL_CREATE', {
          'Unique-ID': 'caller',
          'Caller-Caller-ID-Number': '5551234',
          'Caller-Destination-Number': '9200',
        }),
        'caller',
        'fs1',
      ),
      ...live.apply(cc('member-queue-start', member), 'caller', 'fs1'),
    ].map((e) => e.type);
    expect(types).toEqual(['call.started', 'queue.joined']);
    expect(live.snapshot(new Date()).queues).toEqual([
      { name: 'support@default', members: [expect.objectContaining({ callerNumber: '5551234', state: 'waiting' })] },
    ]);

    live.apply(cc('agent-offering', { ...member, 'CC-Agent': 'agent1' }), 'caller', 'fs1');
    expect(live.snapshot(new Date()).queues[0]?.members[0]).toMatchObject({ state: 'trying', agent: 'agent1' });
    live.apply(cc('bridge-agent-start', { ...member, 'CC-Agent': 'agent1' }), 'caller', 'fs1');
    const left = live.apply(
      cc('member-queue-end', { ...member, 'CC-Agent': 'agent1', 'CC-Cause': 'Terminated' }),
      'caller',
      'fs1',
    );
    expect(left).toEqual([
      expect.objectContaining({ type: 'queue.left', queue: 'support@default', outcome: 'ANSWERED' }),
    ]);
    expect(live.snapshot(new Date()).queues[0]?.members).toEqual([]);
    const channel = live.snapshot(new Date()).channels[0];
    expect(channel).toMatchObject({ uuid: 'caller', queue: 'support@default', agent: 'agent1' });
    expect(
      live.apply(
        event('CHANNEL_HANGUP_COMPLETE', { 'Unique-ID': 'caller', 'Hangup-Cause': 'NORMAL_CLEARING' }),
        'caller',
        'fs1',
      ),
    ).toEqual([expect.objectContaining({ type: 'call.ended', hangupCause: 'NORMAL_CLEARING' })]);
    expect(live.snapshot(new Date()).channels).toEqual([]);
  });

  it('follows agent status and state, ignoring values mod_callcenter does not have', () => {
    const live = new LiveState();
    expect(
      live.apply(cc('agent-status-change', { 'CC-Agent': 'agent1', 'CC-Agent-Status': 'On Break' }), undefined, 'fs1'),
    ).toEqual([
      expect.objectContaining({
        type: 'agent.status',
        agent: expect.objectContaining({ name: 'agent1', status: 'On Break' }),
      }),
    ]);
    expect(
      live.apply(cc('agent-status-change', { 'CC-Agent': 'agent1', 'CC-Agent-Status': 'Sleeping' }), undefined, 'fs1'),
    ).toEqual([]);
    live.apply(cc('agent-state-change', { 'CC-Agent': 'agent1', 'CC-Agent-State': 'Receiving' }), undefined, 'fs1');
    expect(live.snapshot(new Date()).agents).toEqual([
      expect.objectContaining({ name: 'agent1', status: 'On Break', state: 'Receiving' }),
    ]);
  });

  it('tracks registrations from sofia::register and sofia::unregister', () => {
    const live = new LiveState();
    live.apply(
      event('CUSTOM', {
        'Event-Subclass': 'sofia::register',
        username: '1001',
        realm: 'pbx.example.com',
        contact: 'sip:1001@x.invalid',
      }),
      undefined,
      'fs1',
    );
    expect(live.snapshot(new Date()).registrations).toEqual([
      expect.objectContaining({ user: '1001', realm: 'pbx.example.com' }),
    ]);
    live.apply(
      event('CUSTOM', { 'Event-Subclass': 'sofia::unregister', username: '1001', realm: 'pbx.example.com' }),
      undefined,
      'fs1',
    );
    expect(live.snapshot(new Date()).registrations).toEqual([]);
  });

  it('resync replaces what a node reported and keeps other nodes', () => {
    const live = new LiveState();
    live.apply(event('CHANNEL_CREATE', { 'Unique-ID': 'stale' }), undefined, 'fs1');
    live.apply(event('CHANNEL_CREATE', { 'Unique-ID': 'other-node' }, 'core-2'), undefined, 'fs2');
    live.resync(
      {
        node: 'fs1',
        channels: [
          {
            uuid: 'fresh',
            callUuid: 'fresh',
            node: 'fs1',
            direction: 'INBOUND',
            callerNumber: null,
            callerName: null,
            destination: '9200',
            state: 'answered',
            createdAt: '2026-11-22T00:00:00.000Z',
            answeredAt: null,
            bridgedTo: null,
            queue: null,
            agent: null,
          },
        ],
        agents: [
          {
            name: 'agent1',
            status: 'Available',
            state: 'Waiting',
            statusSince: '2026-11-22T00:00:00.000Z',
            stateSince: '2026-11-22T00:00:00.000Z',
          },
        ],
        members: [],
        registrations: [],
      },
      1795305600000000n,
    );
    const snapshot = live.snapshot(new Date());
    expect(snapshot.channels.map((c) => c.uuid).sort()).toEqual(['fresh', 'other-node']);
    expect(snapshot.agents.map((a) => a.name)).toEqual(['agent1']);
    expect(snapshot.nodes).toEqual([{ node: 'fs1', connected: true }]);
  });

  it('takes a call off the floor when it hangs up, not 15 s later when HANGUP_COMPLETE arrives (real capture)', () => {
    const live = new LiveState();
    const ended: string[] = [];
    for (const { event: e } of captureEvents(CAPTURES.webrtcQueueAnswered)) {
      if (e.name === 'CHANNEL_HANGUP_COMPLETE') break;
      for (const change of live.apply(e, undefined, 'fs1'))
        if (change.type === 'call.ended') ended.push(change.channel.uuid);
    }
    expect(live.snapshot(new Date()).channels).toEqual([]);
    expect(ended.sort()).toEqual(['45aa0e4a-235a-42b2-9045-8005eea50327', expect.stringMatching(/^b475c433-/)]);
  });

  it('moves a leg into the call it was linked to after its CHANNEL_CREATE (a loopback A leg), on its next event', () => {
    const live = new LiveState();
    live.apply(event('CHANNEL_CREATE', { 'Unique-ID': 'loop-a', 'Call-Direction': 'outbound' }), undefined, 'fs1');
    live.apply(event('CHANNEL_CREATE', { 'Unique-ID': 'loop-b' }), 'loop-b', 'fs1');
    expect(live.snapshot(new Date()).channels.find((c) => c.uuid === 'loop-a')?.callUuid).toBe('loop-a');
    const [answered] = live.apply(event('CHANNEL_ANSWER', { 'Unique-ID': 'loop-a' }), 'loop-b', 'fs1');
    expect(answered).toMatchObject({ type: 'call.answered', channel: { uuid: 'loop-a', callUuid: 'loop-b' } });
  });
});
