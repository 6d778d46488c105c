import { EventEmitter, once } from 'node:events';
import { createServer, type AddressInfo, type Server } from 'node:net';
import { captureEvents } from './capture';
import { destroyAfter } from './channel-commands';
import type { CdrOptions, CdrPostResult } from './cdr-poster';
import { CdrReporter } from './cdr-reporter';
import { Prng } from './prng';
import { builtInApiHandlers, type ApiContext, type ApiHandler } from './simulator-api';
import { type ReplyDelay, ReplyHold, awaitReplyGates } from './reply-gate';
import { type ReceivedCommand, type SessionHost, SimulatorSession } from './simulator-session';
import { SimulatorState } from './simulator-state';
import { TrafficGenerator, type TrafficOptions } from './traffic-generator';
import { Timeline } from './timeline';
import {
  encodeJsonEvent,
  encodePlainEvent,
  type HeaderList,
  type SimEvent,
  stampEvent,
  type SwitchIdentity,
} from './wire';

/** How the simulated FreeSWITCH is set up. */
export interface EslSimulatorOptions {
  readonly host?: string;
  /** 0 (default) picks a free port; read it from {@link EslSimulator.port} after `start()`. */
  readonly port?: number;
  /** Default `ClueCon`, FreeSWITCH's. */
  readonly password?: string;
  /** HEARTBEAT period; FreeSWITCH's default is 20 s. 0 sends none. */
  readonly heartbeatIntervalMs?: number;
  readonly hostname?: string;
  /** Seeds the Core-UUID (so two simulators differ, and one is reproducible). */
  readonly seed?: number;
  /**
   * mod_json_cdr: post each leg's CDR there, and fire its CHANNEL_HANGUP_COMPLETE only after the post (and its
   * retries). Without it, HANGUP_COMPLETE follows CHANNEL_HANGUP at once, as on a FreeSWITCH without json_cdr.
   */
  readonly cdr?: CdrOptions;
  /** Extra time before each command's reply (events keep flowing meanwhile). Default 0; see also `holdReplies`. */
  readonly replyDelayMs?: ReplyDelay;
}

/** Replay of a capture file. */
export interface ReplayOptions {
  /** 1 = the capture's own pace (from Event-Date-Timestamp), 10 = ten times faster, 0 (default) = at once. */
  readonly speed?: number;
  /** Play it this many times. Default 1. */
  readonly times?: number;
}

/** Live traffic: {@link TrafficOptions} plus how fast virtual time runs. */
export interface LiveTrafficOptions extends TrafficOptions {
  /** 1 (default) = real time; 60 = a minute of traffic per second. */
  readonly speed?: number;
  /**
   * Starts the traffic this long (virtual ms) in the past and plays that stretch at once, so the switch is already
   * busy (calls up, callers waiting, agents on calls or on break) when a client connects and reads its state.
   * Default 0.
   */
  readonly warmUpMs?: number;
}

/**
 * A TCP server speaking FreeSWITCH's inbound Event Socket protocol byte for byte: auth, event subscriptions
 * (plain or JSON), api and bgapi with pluggable handlers, exit, heartbeats. It records every command received,
 * replays real captures, generates contact-center traffic, and can misbehave on purpose (drop connections, stop
 * answering or heart-beating, send malformed frames).
 */
export class EslSimulator implements SessionHost {
  password: string;
  /** When false, commands are recorded but not answered. */
  respondToCommands = true;
  /** Extra time before each command's reply; events keep flowing meanwhile. */
  replyDelayMs: ReplyDelay;
  /** Every command received, in order, from every connection. */
  readonly commands: ReceivedCommand[] = [];
  readonly state: SimulatorState;
  readonly identity: SwitchIdentity;
  private readonly server: Server;
  private readonly sessions = new Map<number, SimulatorSession>();
  private readonly handlers = builtInApiHandlers();
  private readonly signals = new EventEmitter();
  private sequence = 0n;
  private nextId = 1;
  private heartbeatTimer: NodeJS.Timeout | undefined;
  private heartbeatsPaused = false;
  private trafficTimer: NodeJS.Timeout | undefined;
  private readonly reporter: CdrReporter | undefined;
  private readonly replyHolds: ReplyHold[] = [];

  private lastPort: number | undefined;

  constructor(private readonly options: EslSimulatorOptions = {}) {
    this.password = options.password ?? 'ClueCon';
    this.replyDelayMs = options.replyDelayMs ?? 0;
    const hostname = options.hostname ?? 'switchboard-sim';
    this.identity = { coreUuid: new Prng(options.seed ?? Date.now()).uuid(), hostname, ipv4: '192.0.2.2' };
    this.state = new SimulatorState(hostname);
    this.reporter =
      options.cdr &&
      new CdrReporter(options.cdr, {
        identity: this.identity,
        state: this.state,
        release: (events) => events.forEach((event) => this.send(event)),
      });
    this.signals.setMaxListeners(0);
    this.server = createServer((socket) => {
      const session = new SimulatorSession(this.nextId++, socket, this);
      this.sessions.set(session.id, session);
      socket.on('close', () => {
        this.sessions.delete(session.id);
        this.signals.emit('closed', session.id);
      });
      this.signals.emit('connection', session.id);
    });
  }

  /** Listens; resolves with the port. Started again after `stop`, it listens where it did, as a restarted FreeSWITCH. */
  async start(): Promise<number> {
    this.server.listen(this.options.port ?? this.lastPort ?? 0, this.options.host ?? '127.0.0.1');
    await once(this.server, 'listening');
    this.lastPort = this.port;
    const interval = this.options.heartbeatIntervalMs ?? 20_000;
    if (interval > 0) this.heartbeatTimer = setInterval(() => this.heartbeatsPaused || this.heartbeat(), interval);
    return this.port;
  }

  get port(): number {
    return (this.server.address() as AddressInfo | null)?.port ?? 0;
  }

  /** Open client connections. */
  get connectionCount(): number {
    return this.sessions.size;
  }

  /** Command lines received, in order (`auth ...` included). */
  get commandLines(): string[] {
    return this.commands.map((command) => command.line);
  }

  async stop(): Promise<void> {
    clearInterval(this.heartbeatTimer);
    this.stopTraffic();
    this.reporter?.stop();
    for (const hold of this.replyHolds) hold.release();
    for (const session of this.sessions.values()) session.socket.destroy();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  /** Adds or replaces the handler of `api NAME ...` / `bgapi NAME ...`. */
  onApi(name: string, handler: ApiHandler): void {
    this.handlers.set(name, handler);
  }

  /**
   * Stamps an event (Core-UUID, next Event-Sequence, dates) and sends it to every client that subscribed to it.
   * With the `cdr` option, a leg's CHANNEL_HANGUP_COMPLETE is held until its CDR post finished: then this returns
   * undefined and the event (with the CHANNEL_DESTROY that follows every HANGUP_COMPLETE) goes out later.
   */
  emit(event: SimEvent): HeaderList | undefined {
    return this.reporter?.hold(event) ? undefined : this.send(event);
  }

  /** CDR posts finished so far (with the `cdr` option), in the order they finished. */
  get cdrResults(): readonly CdrPostResult[] {
    return this.reporter?.results ?? [];
  }

  /**
   * Holds the replies to matching commands until `release()`, while events keep flowing: to test what a client
   * does with events that arrive before the reply to its resync commands, as they do from a real FreeSWITCH.
   */
  holdReplies(matches: (command: ReceivedCommand) => boolean): ReplyHold {
    const hold = new ReplyHold(matches);
    this.replyHolds.push(hold);
    return hold;
  }

  /** Stamps `event` with the next Event-Sequence without sending it (uuid_dump prints such an event). */
  stamp(event: SimEvent): HeaderList {
    this.sequence++;
    return stampEvent(event, this.identity, this.sequence, event.timestampUs ?? BigInt(Date.now()) * 1000n);
  }

  private send(event: SimEvent): HeaderList {
    const headers = this.stamp(event);
    this.state.observe(headers);
    let plain: Buffer | undefined;
    let json: Buffer | undefined;
    for (const session of this.sessions.values()) {
      if (!session.wants(event.name, event.subclass)) continue;
      if (session.format === 'json') session.write((json ??= encodeJsonEvent(headers, event.body)));
      else session.write((plain ??= encodePlainEvent(headers, event.body)));
    }
    // FreeSWITCH destroys a channel right after its HANGUP_COMPLETE (same µs in every capture).
    if (event.name === 'CHANNEL_HANGUP_COMPLETE') this.send(destroyAfter(event));
    return headers;
  }

  /** Sends a HEARTBEAT now (also sent every `heartbeatIntervalMs`). */
  heartbeat(): void {
    const upMs = Date.now() - this.state.startedAt;
    this.emit({
      name: 'HEARTBEAT',
      headers: [
        ['Event-Info', 'System Ready'],
        [
          'Up-Time',
          `0 years, 0 days, 0 hours, ${Math.floor(upMs / 60_000)} minutes, ${Math.floor(upMs / 1000) % 60} seconds`,
        ],
        ['FreeSWITCH-Version', '1.11.2-simulator'],
        ['Uptime-msec', String(upMs)],
        ['Session-Count', String(this.state.channels.size)],
        ['Max-Sessions', '1000'],
        ['Session-Since-Startup', String(this.state.sessionsSinceStartup)],
        ['Idle-CPU', '99.600000'],
        ['Heartbeat-Interval', String(Math.round((this.options.heartbeatIntervalMs ?? 20_000) / 1000))],
      ],
    });
  }

  /** Stops (true) or resumes (false) the periodic HEARTBEAT, to make a connection look dead. */
  pauseHeartbeats(paused: boolean): void {
    this.heartbeatsPaused = paused;
  }

  /** Writes bytes as they are to every connection (or one), e.g. from `malformedFrames`. */
  sendRaw(bytes: Buffer, connectionId?: number): void {
    for (const session of this.sessions.values())
      if (connectionId === undefined || session.id === connectionId) session.write(bytes);
  }

  /** Destroys every client socket without a goodbye (a crash or a network cut). */
  dropConnections(): void {
    for (const session of this.sessions.values()) session.socket.destroy();
  }

  /** Resolves with the first command (already received or coming) that matches. */
  waitForCommand(matches: (command: ReceivedCommand) => boolean, timeoutMs = 5_000): Promise<ReceivedCommand> {
    const found = this.commands.find(matches);
    if (found) return Promise.resolve(found);
    return this.waitFor<ReceivedCommand>('command', (command) => matches(command), timeoutMs, 'a matching command');
  }

  /** Resolves when a client has subscribed to events (counting from now). */
  waitForSubscription(timeoutMs = 5_000): Promise<number> {
    return this.waitFor<SimulatorSession>('subscribed', () => true, timeoutMs, 'an event subscription').then(
      (session) => session.id,
    );
  }

  /**
   * Re-sends the event frames of a capture (path or bytes) to subscribed clients, byte-exact for `plain` clients,
   * re-encoded for `json` ones, filtered by each client's subscription. Resolves with the frames written.
   */
  async replay(source: string | Buffer, options: ReplayOptions = {}): Promise<number> {
    const events = captureEvents(source);
    const speed = options.speed ?? 0;
    let written = 0;
    for (let round = 0; round < (options.times ?? 1); round++) {
      let previousUs: bigint | undefined;
      for (const { event, raw } of events) {
        const gapUs = previousUs === undefined ? 0n : event.timestampUs - previousUs;
        if (speed > 0 && gapUs > 0n) await new Promise((resolve) => setTimeout(resolve, Number(gapUs) / 1000 / speed));
        previousUs = event.timestampUs;
        for (const session of this.sessions.values()) {
          if (!session.wants(event.name, event.subclass)) continue;
          session.write(session.format === 'json' ? encodeJsonEvent(Object.entries(event.headers), event.body) : raw);
          written++;
        }
      }
    }
    return written;
  }

  /** Starts generating traffic (agents register and go Available first); replaces any traffic already running. */
  startTraffic(options: LiveTrafficOptions = {}): TrafficGenerator {
    this.stopTraffic();
    const speed = options.speed ?? 1;
    const warmUpUs = BigInt(Math.round((options.warmUpMs ?? 0) * 1000));
    const realStart = Date.now();
    const virtualStart = BigInt(realStart) * 1000n - warmUpUs;
    const generator = new TrafficGenerator({ ...options, startUs: virtualStart });
    const timeline = new Timeline<SimEvent & { timestampUs: bigint }>();
    for (const event of generator.setupEvents()) timeline.push(event.timestampUs, event);
    const tick = (): void => {
      const virtualNow = virtualStart + warmUpUs + BigInt(Math.round((Date.now() - realStart) * speed * 1000));
      // Bounded work per tick: asked for more traffic than this machine can make, it falls behind instead of
      // starving the event loop (and the sockets it writes to).
      let budget = 5_000;
      while (generator.nextAtUs <= virtualNow && budget > 0) {
        for (const { event } of generator.next().events) timeline.push(event.timestampUs, event);
        budget -= 50;
      }
      while ((timeline.peekKey() ?? virtualNow + 1n) <= virtualNow && budget-- > 0) {
        const event = timeline.pop();
        if (event) this.emit(event);
      }
      const due = [timeline.peekKey(), generator.nextAtUs]
        .filter((key): key is bigint => key !== undefined)
        .reduce((a, b) => (a < b ? a : b));
      const waitMs = budget <= 0 ? 0 : Number(due - virtualNow) / 1000 / speed;
      this.trafficTimer = setTimeout(tick, Math.min(Math.max(waitMs, 1), 1_000));
    };
    tick();
    return generator;
  }

  stopTraffic(): void {
    clearTimeout(this.trafficTimer);
    this.trafficTimer = undefined;
  }

  /** @internal SessionHost: a command arrived. */
  record(command: ReceivedCommand): void {
    this.commands.push(command);
    this.signals.emit('command', command);
  }

  /** @internal SessionHost: waits for the reply delay and any hold that takes the command. */
  replyGate(command: ReceivedCommand): Promise<void> {
    return awaitReplyGates(command, this.replyDelayMs, this.replyHolds);
  }

  /** @internal SessionHost: runs an API command. */
  async runApi(name: string, args: string, connectionId: number): Promise<string> {
    const handler = this.handlers.get(name);
    if (!handler) return `-ERR ${name} Command not found!\n`;
    const context: ApiContext = {
      state: this.state,
      emit: (event) => void this.emit(event),
      stamp: (event) => this.stamp(event),
      connectionId,
    };
    try {
      return await handler(args, context);
    } catch (error) {
      // A failing custom handler answers like a failing FreeSWITCH command instead of killing the session.
      return `-ERR ${error instanceof Error ? error.message : String(error)}\n`;
    }
  }

  /** @internal SessionHost: runs a bgapi command and sends its BACKGROUND_JOB. */
  startBackgroundJob(jobUuid: string, name: string, args: string, connectionId: number): void {
    setImmediate(() => {
      void this.runApi(name, args, connectionId).then((output) =>
        this.emit({
          name: 'BACKGROUND_JOB',
          headers: [
            ['Job-UUID', jobUuid],
            ['Job-Command', name],
            ['Job-Command-Arg', args],
          ],
          body: output,
        }),
      );
    });
  }

  /** @internal SessionHost: a client subscribed. */
  subscribed(session: SimulatorSession): void {
    this.signals.emit('subscribed', session);
  }

  private waitFor<T>(signal: string, matches: (value: T) => boolean, timeoutMs: number, what: string): Promise<T> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.signals.off(signal, listener);
        reject(
          new Error(
            `simulator: no ${what} within ${timeoutMs} ms; commands so far: ${JSON.stringify(this.commandLines)}`,
          ),
        );
      }, timeoutMs);
      const listener = (value: T): void => {
        if (!matches(value)) return;
        clearTimeout(timer);
        this.signals.off(signal, listener);
        resolve(value);
      };
      this.signals.on(signal, listener);
    });
  }
}
