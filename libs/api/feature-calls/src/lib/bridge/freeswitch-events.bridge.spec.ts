import { type EslEvent, type EslService, createEslEvent } from '@switchboard/api/data-access-esl';
import { CallAssembler } from '../assembler/call-assembler';
import type { IngestionService } from '../ingestion/ingestion.service';
import { RedisService } from '@switchboard/api/data-access-redis';
import { NodeOwnership, type OwnershipChange } from '../cluster/node-ownership.service';
import { LiveStateService } from '../live/live-state.service';
import { FreeswitchEventsBridge, TAKEOVER_SLICE } from './freeswitch-events.bridge';

let sequence = 1;
const event = (name: string, uuid: string): EslEvent => {
  const created = createEslEvent(
    {
      'Event-Name': name,
      'Core-UUID': 'core-1',
      'Event-Sequence': String(sequence++),
      'Event-Date-Timestamp': String(Date.now() * 1000),
      'Unique-ID': uuid,
      'Call-Direction': 'inbound',
      'Caller-Channel-Created-Time': String(Date.now() * 1000),
    },
    undefined,
  );
  if (typeof created === 'string') throw new Error(created);
  return created;
};
const channelRow = (uuid: string) => ({
  uuid,
  direction: 'inbound',
  created_epoch: '1796000000',
  callstate: 'ACTIVE',
  call_uuid: uuid,
});

/** An ESL node whose `show channels` answer is held until the test releases it, as FreeSWITCH does under load. */
function slowNode() {
  const listeners = new Map<string, ((...args: unknown[]) => void)[]>();
  let releaseChannels: (body: string) => void = () => undefined;
  const esl = {
    on: (name: string, listener: (...args: unknown[]) => void) => {
      listeners.set(name, [...(listeners.get(name) ?? []), listener]);
      return () => undefined;
    },
    api: (command: { toString(): string }) => {
      const text = String(command);
      if (text === 'show channels as json') return new Promise<string>((resolve) => (releaseChannels = resolve));
      if (text.startsWith('uuid_dump')) return Promise.resolve('-ERR No such channel!\n');
      return Promise.resolve('-ERR no such command\n');
    },
  };
  const emit = (name: string, ...args: unknown[]) => listeners.get(name)?.forEach((listener) => listener(...args));
  return { esl: esl as unknown as EslService, emit, release: (body: string) => releaseChannels(body) };
}

describe('FreeswitchEventsBridge resync', () => {
  it('keeps the events that arrive while FreeSWITCH answers the resync reads: nothing lost, nothing resurrected', async () => {
    const node = slowNode();
    const live = new LiveStateService();
    const assembler = new CallAssembler();
    const ingestion = {
      assembler,
      ingest: (e: EslEvent) => assembler.apply(e).callUuid,
      adopt: (dump: EslEvent) => assembler.adopt(dump),
    } as unknown as IngestionService;
    const bridge = new FreeswitchEventsBridge(
      node.esl,
      ingestion,
      live,
      new NodeOwnership(node.esl, new RedisService(undefined)),
    );
    bridge.onModuleInit();
    node.emit('event', event('CHANNEL_CREATE', 'old-call'), 'fs1');

    const resynced = bridge.resync('fs1');
    // While `show channels` is being answered, a new call starts and the old one ends.
    node.emit('event', event('CHANNEL_CREATE', 'new-call'), 'fs1');
    node.emit('event', event('CHANNEL_HANGUP', 'old-call'), 'fs1');
    // FreeSWITCH's answer was taken before either: it lists only the old call.
    node.release(JSON.stringify({ row_count: 1, rows: [channelRow('old-call')] }));
    await resynced;

    expect(live.snapshot().channels.map((c) => c.uuid)).toEqual(['new-call']);
  });
});

describe('FreeswitchEventsBridge with leased nodes', () => {
  it('only keeps the events of a node it does not own, and ingests them first when it takes the node over', async () => {
    const node = slowNode();
    const live = new LiveStateService();
    const assembler = new CallAssembler();
    const ingested: string[] = [];
    const ingestion = {
      assembler,
      ingest: (e: EslEvent) => {
        ingested.push(`${e.name} ${e.headers['Unique-ID'] ?? ''}`);
        return assembler.apply(e).callUuid;
      },
      adopt: (dump: EslEvent) => assembler.adopt(dump),
    } as unknown as IngestionService;
    const { owned, ownership, changeOwner } = leases();
    const bridge = new FreeswitchEventsBridge(node.esl, ingestion, live, ownership);
    bridge.onModuleInit();

    node.emit('event', event('CHANNEL_CREATE', 'before-takeover'), 'fs1');
    node.emit('event', event('CHANNEL_ANSWER', 'before-takeover'), 'fs1');
    expect(ingested).toEqual([]);
    expect(live.snapshot().channels).toEqual([]);

    owned.add('fs1');
    changeOwner({ node: 'fs1', owned: true, epoch: 7 });
    await turnOfTheEventLoop();
    expect(ingested).toEqual(['CHANNEL_CREATE before-takeover', 'CHANNEL_ANSWER before-takeover']);
    node.emit('event', event('CHANNEL_CREATE', 'after-takeover'), 'fs1');
    node.release(JSON.stringify({ row_count: 2, rows: [channelRow('before-takeover'), channelRow('after-takeover')] }));
    await new Promise((resolve) => setImmediate(resolve));
    expect(
      live
        .snapshot()
        .channels.map((c) => c.uuid)
        .sort(),
    ).toEqual(['after-takeover', 'before-takeover']);

    owned.delete('fs1');
    changeOwner({ node: 'fs1', owned: false });
    node.emit('event', event('CHANNEL_HANGUP', 'after-takeover'), 'fs1');
    expect(ingested).toHaveLength(3);
  });

  it('catches up in slices with the event loop free in between, and puts back what it did not ingest when the node is lost half-way', async () => {
    const node = slowNode();
    const ingested: string[] = [];
    const assembler = new CallAssembler();
    const ingestion = {
      assembler,
      ingest: (e: EslEvent) => {
        ingested.push(String(e.headers['Unique-ID']));
        return undefined;
      },
      adopt: (dump: EslEvent) => assembler.adopt(dump),
    } as unknown as IngestionService;
    const { owned, ownership, changeOwner } = leases();
    const bridge = new FreeswitchEventsBridge(node.esl, ingestion, new LiveStateService(), ownership);
    bridge.onModuleInit();
    const backlog = Array.from({ length: TAKEOVER_SLICE * 3 + 10 }, (_, i) => `backlog-${i}`);
    for (const uuid of backlog) node.emit('event', event('CHANNEL_CREATE', uuid), 'fs1');

    owned.add('fs1');
    changeOwner({ node: 'fs1', owned: true, epoch: 8 });
    // Nothing is ingested in the lease round that took the node: its renewals are not held up.
    expect(ingested).toEqual([]);
    await turnOfTheEventLoop();
    expect(ingested).toEqual(backlog.slice(0, TAKEOVER_SLICE));
    // Arriving during the catch-up: queued behind the backlog.
    node.emit('event', event('CHANNEL_CREATE', 'live-1'), 'fs1');
    expect(ingested).toHaveLength(TAKEOVER_SLICE);

    // The lease is lost after the first slice: the rest stays in this replica's standby events.
    owned.delete('fs1');
    changeOwner({ node: 'fs1', owned: false });
    await turnOfTheEventLoop();
    await turnOfTheEventLoop();
    expect(ingested).toHaveLength(TAKEOVER_SLICE);
    node.emit('event', event('CHANNEL_CREATE', 'live-2'), 'fs1');

    // Taken again: everything not yet ingested, once, in FreeSWITCH's order.
    owned.add('fs1');
    changeOwner({ node: 'fs1', owned: true, epoch: 9 });
    while (ingested.length < backlog.length + 2) await turnOfTheEventLoop();
    await turnOfTheEventLoop();
    expect(ingested).toEqual([...backlog, 'live-1', 'live-2']);
    node.emit('event', event('CHANNEL_CREATE', 'live-3'), 'fs1');
    expect(ingested.at(-1)).toBe('live-3');
  });
});

/** Leases decided by the test: `owned` is what the replica holds, `changeOwner` what NodeOwnership would announce. */
function leases() {
  const owned = new Set<string>();
  let listener: (change: OwnershipChange) => void = () => undefined;
  const ownership = {
    owns: (n: string) => owned.has(n),
    onChange: (l: (change: OwnershipChange) => void) => {
      listener = l;
      return () => undefined;
    },
  } as unknown as NodeOwnership;
  return { owned, ownership, changeOwner: (change: OwnershipChange) => listener(change) };
}

function turnOfTheEventLoop(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}
