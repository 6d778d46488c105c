// Client process of the realtime benchmark: many supervisor sockets on the API replicas, a few of them real
// socket.io-client "probes" that time every delta, the rest minimal socket.io-protocol sockets over `ws` that only
// count frames (so the client machine, which shares 2 cores with the API, spends its CPU on the server, not on us).
import { io, type Socket } from 'socket.io-client';
import WebSocket from 'ws';
import type {
  RealtimeDelta,
  RealtimeQueueDelta,
  SupervisorClientToServerEvents,
  SupervisorServerToClientEvents,
} from '@switchboard/shared/contracts';

/** What the orchestrator asks for. */
export interface ClientsRequest {
  /** Base URLs of the API replicas; sockets are spread round-robin. */
  urls: string[];
  token: string;
  sockets: number;
  /** How many of `sockets` are full socket.io clients that time deltas. */
  probes: number;
  queues: string[];
  /** Ask for batched delivery (`auth.batch`). */
  batch: boolean;
}

/** What the client process reports at the end. */
export interface ClientsResult {
  /** Latency of every delta a probe received, ms (receive time − event time stamped by the simulator). */
  latenciesMs: number[];
  probeDeltas: number[];
  probeGaps: number;
  loadFrames: number[];
  disconnected: number;
  /** Call deltas (which name their FreeSWITCH node) by the replica the probe is on and the node. */
  byReplicaAndNode: ReplicaNodeDeltas[];
}

/** The call deltas probes on one replica received from one FreeSWITCH node. */
export interface ReplicaNodeDeltas {
  url: string;
  node: string;
  latenciesMs: number[];
  /** Receive times (ms since the epoch), in the order received. */
  receivedAt: number[];
}

type ProbeSocket = Socket<SupervisorServerToClientEvents, SupervisorClientToServerEvents>;

const latencies: number[] = [];
const byReplicaAndNode = new Map<string, ReplicaNodeDeltas>();
const probes: { socket: ProbeSocket; deltas: number; gaps: number }[] = [];
const load: { socket: WebSocket; frames: number; connected: boolean }[] = [];
let measuring = false;

function connectProbe(url: string, token: string, queues: string[], batch: boolean): Promise<void> {
  const socket: ProbeSocket = io(`${url}/supervisor`, {
    auth: { token, batch },
    transports: ['websocket'],
    reconnection: false,
    forceNew: true,
  });
  const probe = { socket, deltas: 0, gaps: 0 };
  probes.push(probe);
  let floorSeq = -1;
  const queueSeq = new Map<string, number>();
  const time = (at: string, node?: string): void => {
    if (!measuring) return;
    const now = Date.now();
    const latency = now - Date.parse(at);
    latencies.push(latency);
    if (node === undefined) return;
    const key = `${url} ${node}`;
    const entry = byReplicaAndNode.get(key) ?? { url, node, latenciesMs: [], receivedAt: [] };
    entry.latenciesMs.push(latency);
    entry.receivedAt.push(now);
    byReplicaAndNode.set(key, entry);
  };
  const onFloor = (delta: RealtimeDelta): void => {
    if (floorSeq >= 0 && delta.seq !== floorSeq + 1) probe.gaps++;
    floorSeq = delta.seq;
    probe.deltas++;
    time(delta.event.at, 'channel' in delta.event ? delta.event.channel.node : undefined);
  };
  const onQueue = (delta: RealtimeQueueDelta): void => {
    const last = queueSeq.get(delta.queue);
    if (last !== undefined && delta.seq !== last + 1) probe.gaps++;
    queueSeq.set(delta.queue, delta.seq);
    probe.deltas++;
    time(delta.event.at);
  };
  socket.on('delta', onFloor);
  socket.on('queue.delta', onQueue);
  socket.on('batch', (batch) => {
    batch.deltas.forEach(onFloor);
    batch.queueDeltas.forEach(onQueue);
  });
  return new Promise((resolve, reject) => {
    socket.once('snapshot', (snapshot) => {
      floorSeq = snapshot.seq;
      socket.emit('queue.subscribe', { queues }, (answer) => {
        if (!answer.ok) return reject(new Error(answer.error.message));
        for (const q of answer.queues) queueSeq.set(q.queue, q.seq);
        resolve();
      });
    });
    socket.once('error', (error) => reject(new Error(error.message)));
    socket.once('connect_error', reject);
  });
}

/** A socket.io client reduced to the protocol: engine.io open/ping/pong, namespace connect, one subscribe. */
function connectLoad(url: string, token: string, queues: string[], batch: boolean): Promise<void> {
  const ws = new WebSocket(`${url.replace(/^http/, 'ws')}/socket.io/?EIO=4&transport=websocket`);
  const entry = { socket: ws, frames: 0, connected: false };
  load.push(entry);
  return new Promise((resolve, reject) => {
    ws.on('message', (data: Buffer) => {
      const kind = data[0];
      if (kind === 0x32 /* '2' ping */) return ws.send('3');
      if (kind === 0x30 /* '0' open */) return ws.send(`40/supervisor,${JSON.stringify({ token, batch })}`);
      const text = data.length < 64 ? data.toString() : '';
      if (text.startsWith('40/supervisor')) {
        entry.connected = true;
        ws.send(`42/supervisor,${JSON.stringify(['queue.subscribe', { queues }])}`);
        return resolve();
      }
      if (text.startsWith('44/supervisor')) return reject(new Error(text));
      entry.frames++;
    });
    ws.on('close', () => (entry.connected = false));
    ws.on('error', reject);
  });
}

process.on(
  'message',
  (message: { type: 'connect'; request: ClientsRequest } | { type: 'start' } | { type: 'stop' }) => {
    void (async () => {
      if (message.type === 'connect') {
        const { urls, token, sockets, probes: probeCount, queues, batch } = message.request;
        const work: Promise<void>[] = [];
        for (let i = 0; i < sockets; i++) {
          const url = urls[i % urls.length] ?? '';
          work.push(i < probeCount ? connectProbe(url, token, queues, batch) : connectLoad(url, token, queues, batch));
          // Connect in small groups: 200 handshakes at once would each verify a token against PostgreSQL together.
          if (work.length % 20 === 0) await Promise.all(work.slice(-20));
        }
        await Promise.all(work);
        process.send?.({ type: 'ready' });
      } else if (message.type === 'start') {
        measuring = true;
        for (const probe of probes) probe.deltas = 0;
        for (const entry of load) entry.frames = 0;
      } else {
        measuring = false;
        if (process.env['BENCH_DEBUG'])
          for (const [key, { latenciesMs: list }] of byReplicaAndNode) {
            const sorted = [...list].sort((a, b) => a - b);
            console.log(
              key,
              sorted.length,
              'p50',
              sorted[Math.floor(sorted.length / 2)],
              'p99',
              sorted[Math.floor(sorted.length * 0.99)],
            );
          }
        const result: ClientsResult = {
          latenciesMs: latencies,
          probeDeltas: probes.map((p) => p.deltas),
          probeGaps: probes.reduce((n, p) => n + p.gaps, 0),
          loadFrames: load.map((l) => l.frames),
          disconnected: probes.filter((p) => !p.socket.connected).length + load.filter((l) => !l.connected).length,
          byReplicaAndNode: [...byReplicaAndNode.values()],
        };
        for (const probe of probes) probe.socket.disconnect();
        for (const entry of load) entry.socket.close();
        process.send?.({ type: 'result', result }, undefined, {}, () => process.exit(0));
      }
    })().catch((error: unknown) => {
      console.error(error);
      process.exit(1);
    });
  },
);
