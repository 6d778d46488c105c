// One measured client per child process: it connects to the runner's loopback server, counts event frames until
// the expected number, and reports events/s, peak RSS and peak heap. Libraries are loaded lazily so that each child
// holds only its own. Our code is imported by file, not through @switchboard/api/data-access-esl, so that the
// Nest module in that index (and @nestjs/*) does not weigh on our memory numbers.
import { createRequire } from 'node:module';
import { connect, type Socket } from 'node:net';
import { getHeapStatistics } from 'node:v8';

export type Library = 'ours' | 'modesl' | 'esl-lite';
export type Level = 'parser' | 'client';

/** What a child prints (one JSON line) when it is done. */
export interface ClientResult {
  readonly library: Library;
  readonly level: Level;
  readonly events: number;
  /** Events the server sent; `events` is lower when the library lost some (or ran out of time). */
  readonly expected: number;
  readonly ms: number;
  /** Event-Date-GMT of the last event as the library hands it over (undefined when it does not decode bodies). */
  readonly sample: string | undefined;
  readonly peakRssMb: number;
  readonly peakHeapMb: number;
}

// modesl is CommonJS with deep paths and no "exports": load it the way its users do.
const load = createRequire(__filename);

interface Measurement {
  readonly ms: number;
  readonly sample: string | undefined;
  readonly peakHeapMb: number;
  readonly peakRssMb: number;
}

class Meter {
  count = 0;
  readonly done: Promise<Measurement>;
  private started = 0;
  private stopped = false;
  private lastSample: string | undefined;
  private peakHeap = 0;
  private peakRss = 0;
  private countAtLastCheck = -1;
  private finish: (value: Measurement) => void = () => undefined;
  private readonly sampler: NodeJS.Timeout;
  private readonly idleCheck: NodeJS.Timeout;

  constructor(
    private readonly expected: number,
    idleMs: number,
  ) {
    this.done = new Promise((resolve) => (this.finish = resolve));
    this.sampler = setInterval(() => this.sampleMemory(), 20);
    // A library that lost a frame stops delivering: end the run after idleMs without a new event instead of hanging.
    this.idleCheck = setInterval(() => {
      if (this.count > 0 && this.count === this.countAtLastCheck) this.stop();
      this.countAtLastCheck = this.count;
    }, idleMs);
  }

  /** Counts one event; `sample` is one header value read from it, as any consumer reads at least one. */
  event(sample: string | undefined): void {
    if (this.count === 0) this.started = performance.now();
    this.count++;
    this.lastSample = sample;
    if (this.count === this.expected) this.stop();
  }

  /** Ends the measurement (all events counted, or the time is up). */
  stop(): void {
    if (this.stopped) return;
    this.stopped = true;
    const ms = performance.now() - this.started;
    this.sampleMemory();
    clearInterval(this.sampler);
    clearInterval(this.idleCheck);
    this.finish({ ms, sample: this.lastSample, peakHeapMb: this.peakHeap / 1024 / 1024, peakRssMb: this.peakRss / 1024 / 1024 });
  }

  // ru_maxrss is not usable here: Linux carries the parent's high-water mark over fork+exec, so sample RSS ourselves.
  private sampleMemory(): void {
    this.peakHeap = Math.max(this.peakHeap, getHeapStatistics().used_heap_size);
    this.peakRss = Math.max(this.peakRss, process.memoryUsage.rss());
  }
}

function rawSocket(port: number): Socket {
  const socket = connect({ host: '127.0.0.1', port });
  socket.write('auth ClueCon\n\nevent plain ALL\n\n');
  return socket;
}

async function ours(level: Level, port: number, meter: Meter): Promise<() => void> {
  if (level === 'parser') {
    const { EslParser } = await import('../../libs/api/data-access-esl/src/lib/protocol/esl-parser');
    const parser = new EslParser();
    const socket = rawSocket(port);
    socket.on('data', (chunk: Buffer) => {
      for (const result of parser.push(chunk)) {
        if (!result.ok || result.message.type !== 'event') continue;
        const event = result.message.event;
        meter.event(event.header('Event-Date-GMT'));
      }
    });
    return () => socket.destroy();
  }
  const { EslConnection } = await import('../../libs/api/data-access-esl/src/lib/client/esl-connection');
  const silent = { debug: () => undefined, log: () => undefined, warn: () => undefined, error: () => undefined };
  const connection = new EslConnection({ id: 'bench', host: '127.0.0.1', port, password: 'ClueCon' }, { logger: silent, heartbeatIntervalMs: 0 });
  connection.on('event', (event) => meter.event(event.header('Event-Date-GMT')));
  connection.start();
  return () => void connection.stop();
}

function modesl(level: Level, port: number, meter: Meter): Promise<() => void> {
  if (level === 'parser') {
    const Parser = load('modesl/lib/esl/Parser') as typeof import('modesl/lib/esl/Parser');
    const socket = rawSocket(port);
    new Parser(socket).on('esl::event', (event, headers) => {
      if (headers['Content-Type'] === 'text/event-plain') meter.event(event.getHeader('Event-Date-GMT'));
    });
    return Promise.resolve(() => socket.destroy());
  }
  const { Connection } = load('modesl') as typeof import('modesl');
  const connection: InstanceType<typeof Connection> = new Connection('127.0.0.1', port, 'ClueCon', () => connection.events('plain', 'ALL'));
  connection.on('esl::event::**', (event: { type?: string; getHeader(name: string): string | undefined }) => {
    if (event.type) meter.event(event.getHeader('Event-Date-GMT'));
  });
  return Promise.resolve(() => connection.disconnect());
}

async function eslLite(level: Level, port: number, meter: Meter): Promise<() => void> {
  const { default: pino } = await import('pino');
  const logger = pino({ level: 'silent' });
  const { FreeSwitchClient, FreeSwitchParser } = await import('esl-lite');
  if (level === 'parser') {
    const socket = rawSocket(port);
    void (async () => {
      // esl-lite's parser frames only: event bodies are not decoded at this level (its client does that).
      for await (const frame of FreeSwitchParser(socket, logger)) {
        if (!(frame instanceof Error) && frame.headers.contentType === 'text/event-plain') meter.event(undefined);
      }
    })();
    return () => socket.destroy();
  }
  const client = new FreeSwitchClient({ host: '127.0.0.1', port, password: 'ClueCon', logger });
  client.on('ALL', (event) => {
    const value = event.body.data['Event-Date-GMT'];
    meter.event(typeof value === 'string' ? value : undefined);
  });
  return () => client.end();
}

/** Runs one measured client and resolves with its result. */
export async function runClient(library: Library, level: Level, port: number, expected: number, timeoutMs: number): Promise<ClientResult> {
  const meter = new Meter(expected, 10_000);
  const start = library === 'ours' ? ours : library === 'modesl' ? modesl : eslLite;
  const close = await start(level, port, meter);
  const timer = setTimeout(() => meter.stop(), timeoutMs);
  const { ms, sample, peakHeapMb, peakRssMb } = await meter.done;
  clearTimeout(timer);
  close();
  return { library, level, events: meter.count, expected, ms, sample, peakRssMb, peakHeapMb };
}
