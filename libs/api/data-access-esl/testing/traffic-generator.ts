import { CallScript, type GeneratedEvent } from './call-script';
import { buildCall, type CallScenarioKind, type GeneratedCall, type SimAgent } from './call-scenarios';
import { Prng } from './prng';
import { Timeline } from './timeline';
import type { SimEvent } from './wire';

/** Shape of the generated contact-center traffic. */
export interface TrafficOptions {
  /** Same seed, same traffic. Default 1. */
  readonly seed?: number;
  /** Mean new calls per second (Poisson arrivals). Default 1. */
  readonly rate?: number;
  /** Relative weight of each kind of call. */
  readonly mix?: Partial<Record<CallScenarioKind, number>>;
  /** Share of gaps between calls in which an agent takes a break (agent-status-change). Default 0.05. */
  readonly breakChance?: number;
  /** How many agents (`agent1000@default`..., extensions 1000...), or the agents themselves. Default 10. */
  readonly agents?: number | readonly SimAgent[];
  readonly queues?: readonly string[];
  /**
   * Mean new calls per second at a moment (a contact center's day: busy mornings, quiet nights), instead of the
   * constant `rate`; `rate` is then the peak, which `rateAt` must not exceed. Arrivals are thinned from the peak rate.
   */
  readonly rateAt?: (atUs: bigint) => number;
  /**
   * After a queue call the agent stays in state Idle (after-call work, as the agent desk parks it until the wrap-up
   * is submitted) for between these many milliseconds, then becomes Waiting. Default: no wrap-up.
   */
  readonly wrapUpMs?: readonly [min: number, max: number];
  /** Virtual start time in µs. Default: now. */
  readonly startUs?: bigint;
  /** Multiplies every duration inside a call. Default 1. */
  readonly timeScale?: number;
}

/** Default mix: mostly answered queue calls, with every other kind present. */
export const DEFAULT_MIX: Readonly<Record<CallScenarioKind, number>> = {
  answered: 50,
  abandoned: 10,
  timeout: 4,
  'no-agent': 3,
  'agent-to-agent': 8,
  outbound: 15,
  'blind-transfer': 10,
};

const NEEDS_AGENT: ReadonlySet<CallScenarioKind> = new Set([
  'answered',
  'agent-to-agent',
  'outbound',
  'blind-transfer',
]);
const NEEDS_TWO: ReadonlySet<CallScenarioKind> = new Set(['agent-to-agent', 'blind-transfer']);

/**
 * Deterministic contact-center traffic: calls arrive at `rate` per second, each picks a kind from the mix and
 * idle agents (an agent is busy until its call ends), so the whole stream stays consistent.
 */
/** The longest stretch of virtual time without a call that `rateAt` may ask for: one week, in µs. */
const MAX_QUIET_US = 7n * 24n * 3_600n * 1_000_000n;

export class TrafficGenerator {
  readonly agents: readonly SimAgent[];
  private readonly prng: Prng;
  private readonly queues: readonly string[];
  private readonly mix: Array<[CallScenarioKind, number]>;
  private readonly busyUntil = new Map<string, bigint>();
  private readonly waiting = new Map<string, number>();
  private nextStartUs: bigint;

  constructor(private readonly options: TrafficOptions = {}) {
    this.prng = new Prng(options.seed ?? 1);
    this.agents =
      typeof options.agents === 'object'
        ? options.agents
        : Array.from({ length: options.agents ?? 10 }, (_, i) => ({
            name: `agent${1000 + i}@default`,
            extension: String(1000 + i),
          }));
    this.queues = options.queues ?? ['support@default', 'sales@default'];
    this.mix = Object.entries({ ...DEFAULT_MIX, ...options.mix }) as Array<[CallScenarioKind, number]>;
    const startUs = options.startUs ?? BigInt(Date.now()) * 1000n;
    // The first call is thinned too: a day shape that is 0 at the start has no call there.
    this.nextStartUs = this.thinned(startUs, startUs);
  }

  /** Start time of the next call or break. */
  get nextAtUs(): bigint {
    return this.nextStartUs;
  }

  /** What a switch says as agents come online: each phone registers, each agent becomes Available. */
  setupEvents(atUs = this.nextStartUs): Array<SimEvent & { timestampUs: bigint }> {
    return this.agents.flatMap((agent, i) => {
      const timestampUs = atUs + BigInt(i) * 1000n;
      const register: SimEvent & { timestampUs: bigint } = {
        name: 'CUSTOM',
        subclass: 'sofia::register',
        timestampUs,
        headers: registrationHeaders(agent, timestampUs),
      };
      const status: SimEvent & { timestampUs: bigint } = {
        name: 'CUSTOM',
        subclass: 'callcenter::info',
        timestampUs,
        headers: [
          ['CC-Agent', agent.name],
          ['CC-Action', 'agent-status-change'],
          ['CC-Agent-Status', 'Available'],
        ],
      };
      return [register, status];
    });
  }

  /** The next call (or agent break), in start order. */
  next(): GeneratedCall {
    const startUs = this.nextStartUs;
    this.nextStartUs = this.nextArrival(startUs);
    const idle = this.agents.filter((agent) => (this.busyUntil.get(agent.name) ?? 0n) <= startUs);
    if (idle.length > 1 && this.prng.chance(this.options.breakChance ?? 0.05))
      return this.agentBreak(this.prng.pick(idle), startUs);
    let kind = this.pickKind();
    if (NEEDS_AGENT.has(kind) && idle.length < (NEEDS_TWO.has(kind) ? 2 : 1))
      kind = kind === 'answered' ? 'no-agent' : 'abandoned';
    const agent = NEEDS_AGENT.has(kind) ? this.prng.pick(idle) : undefined;
    const otherAgent = NEEDS_TWO.has(kind)
      ? this.prng.pick(idle.filter((candidate) => candidate !== agent))
      : undefined;
    const queue = this.prng.pick(this.queues);
    const call = buildCall(kind, {
      prng: this.prng,
      startUs,
      queue,
      queueExtension: String(9200 + this.queues.indexOf(queue)),
      callerNumber: `+1555${String(this.prng.int(0, 9_999_999)).padStart(7, '0')}`,
      callerName: this.prng.pick(['Alice Martin', 'Bob Chen', 'Carla Diaz', 'Dmitri Ivanov', 'Emma Noor', 'UNKNOWN']),
      agent,
      otherAgent,
      waitingMembers: this.waiting.get(queue) ?? 0,
      hold: this.prng.chance(0.2),
      dtmf: this.prng.chance(0.15) ? String(this.prng.int(0, 9)) + String(this.prng.int(0, 9)) : undefined,
      record: this.prng.chance(0.3),
      agentHangsUp: this.prng.chance(0.3),
      timeScale: this.options.timeScale,
    });
    for (const busy of [agent, otherAgent]) if (busy) this.busyUntil.set(busy.name, call.endUs);
    return agent && (kind === 'answered' || kind === 'blind-transfer') ? this.withWrapUp(call, agent) : call;
  }

  /** When the call after one starting at `startUs` starts: Poisson arrivals, thinned by `rateAt` when given. */
  private nextArrival(startUs: bigint): bigint {
    return this.thinned(startUs, startUs + this.gapUs());
  }

  /** A gap between two arrivals at the peak rate (exponential, at least 1 µs). */
  private gapUs(): bigint {
    return BigInt(Math.max(1, Math.round(this.prng.exponential(1000 / (this.options.rate ?? 1)) * 1000)));
  }

  /**
   * The first candidate from `candidateUs` on that Lewis-Shedler thinning keeps: one at the peak rate is kept with
   * probability rateAt / peak (always, without `rateAt`). Bounded: a rate that stays 0 for a whole virtual week is a
   * mistake of the caller, not a quiet night, and would spin forever.
   */
  private thinned(sinceUs: bigint, candidateUs: bigint): bigint {
    const peak = this.options.rate ?? 1;
    const rateAt = this.options.rateAt;
    let atUs = candidateUs;
    if (rateAt)
      while (!this.prng.chance(rateAt(atUs) / peak)) {
        atUs += this.gapUs();
        if (atUs - sinceUs > MAX_QUIET_US)
          throw new RangeError('rateAt gave no calls for a virtual week: it must be above 0 some of the time');
      }
    return atUs;
  }

  /** The agent's Waiting after the call becomes Idle (after-call work), and Waiting follows the wrap-up. */
  private withWrapUp(call: GeneratedCall, agent: SimAgent): GeneratedCall {
    const range = this.options.wrapUpMs;
    if (!range) return call;
    const isAgentWaiting = ({ event }: GeneratedEvent): boolean =>
      event.subclass === 'callcenter::info' &&
      event.headers.some(([name, value]) => name === 'CC-Agent-State' && value === 'Waiting') &&
      event.headers.some(([name, value]) => name === 'CC-Agent' && value === agent.name);
    const index = call.events.findLastIndex(isAgentWaiting);
    const waiting = call.events[index];
    if (!waiting) return call;
    const idle = waiting.event.headers.map(([name, value]) =>
      name === 'CC-Agent-State' ? ([name, 'Idle'] as const) : ([name, value] as const),
    );
    const wrapUpMs = this.prng.int(range[0], range[1]) * (this.options.timeScale ?? 1);
    const readyUs = waiting.event.timestampUs + BigInt(wrapUpMs) * 1000n;
    const events = [
      ...call.events.slice(0, index),
      { ...waiting, event: { ...waiting.event, headers: idle } },
      ...call.events.slice(index + 1),
      { offsetMs: waiting.offsetMs + wrapUpMs, event: { ...waiting.event, timestampUs: readyUs } },
    ];
    const endUs = readyUs > call.endUs ? readyUs : call.endUs;
    this.busyUntil.set(agent.name, endUs);
    return { ...call, endUs, events };
  }

  private pickKind(): CallScenarioKind {
    const total = this.mix.reduce((sum, [, weight]) => sum + Math.max(0, weight), 0);
    let roll = this.prng.next() * total;
    for (const [kind, weight] of this.mix) {
      roll -= Math.max(0, weight);
      if (roll < 0) return kind;
    }
    return 'answered';
  }

  private agentBreak(agent: SimAgent, startUs: bigint): GeneratedCall {
    const s = new CallScript(startUs);
    const status = (value: string): void =>
      void s.callcenter('agent-status-change', [
        ['CC-Agent', agent.name],
        ['CC-Agent-Status', value],
      ]);
    status('On Break');
    s.after(this.prng.int(60_000, 300_000) * (this.options.timeScale ?? 1));
    status('Available');
    this.busyUntil.set(agent.name, s.nowUs);
    return {
      kind: 'agent-break',
      startUs,
      endUs: s.nowUs,
      callerUuid: undefined,
      agentUuid: undefined,
      memberUuid: undefined,
      events: s.events,
    };
  }
}

/** Headers of a `sofia::register` for an agent's WebRTC phone (JsSIP over WSS, NATed as FreeSWITCH sees it). */
export function registrationHeaders(agent: SimAgent, atUs: bigint): Array<readonly [string, string]> {
  const ip = `203.0.113.${10 + Number(agent.extension.slice(-2))}`;
  return [
    ['profile-name', 'internal'],
    ['from-user', agent.extension],
    ['from-host', 'switchboard.local'],
    ['presence-hosts', 'switchboard.local'],
    [
      'contact',
      `"" <sip:${agent.extension}@${ip}:52000;transport=ws;fs_nat=yes;fs_path=<sip:${agent.extension}@${ip}:52000;transport=ws>>`,
    ],
    ['call-id', `${agent.extension}-${atUs}`],
    ['rpid', 'unknown'],
    ['status', 'Registered(WSS-NAT)'],
    ['expires', '600'],
    ['to-user', agent.extension],
    ['to-host', 'switchboard.local'],
    ['network-ip', ip],
    ['network-port', '52000'],
    ['username', agent.extension],
    ['realm', 'switchboard.local'],
    ['user-agent', 'JsSIP 3.13.8'],
  ];
}

/**
 * `count` events of generated traffic merged in time order (calls overlap), setup events first. Deterministic for
 * a given seed and start time: benchmarks and tests replay exactly the same stream.
 */
export function* generateTraffic(
  options: TrafficOptions,
  count: number,
): Generator<SimEvent & { timestampUs: bigint }> {
  const generator = new TrafficGenerator({ startUs: 1_795_324_800_000_000n, ...options });
  const timeline = new Timeline<SimEvent & { timestampUs: bigint }>();
  for (const event of generator.setupEvents()) timeline.push(event.timestampUs, event);
  let emitted = 0;
  while (emitted < count) {
    while (timeline.size === 0 || (timeline.peekKey() ?? 0n) >= generator.nextAtUs) {
      for (const { event } of generator.next().events) timeline.push(event.timestampUs, event);
    }
    const event = timeline.pop();
    if (event === undefined) break;
    emitted++;
    yield event;
  }
}
