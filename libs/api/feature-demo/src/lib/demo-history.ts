import { type EslEvent, createEslEvent } from '@switchboard/api/data-access-esl';
import {
  Prng,
  type SimAgent,
  type SwitchIdentity,
  TrafficGenerator,
  stampEvent,
} from '@switchboard/api/data-access-esl/testing';
import { demoDayShape } from './demo-plan';

/** Peak calls per second of the history (a weekday's morning peak). */
export const DEMO_HISTORY_PEAK_RATE = 0.01;

/** What the history generator needs. */
export interface DemoHistoryOptions {
  readonly agents: readonly SimAgent[];
  readonly queues: readonly string[];
  readonly fromUs: bigint;
  /** Calls that would still be up at this moment are left out (the live simulator takes over from there). */
  readonly toUs: bigint;
  readonly seed: number;
}

/**
 * The past as a FreeSWITCH would have reported it: the demo's calls from `fromUs` to `toUs`, shaped like a contact
 * center's week, as ESL events of their own switch (a Core-UUID of their own, Event-Sequence from 1), in chunks so
 * the caller can write each before the next is built. Every call's events come together, in order.
 */
export function* demoHistoryEvents(
  options: DemoHistoryOptions,
  chunkSize = 500,
): Generator<EslEvent[], void, undefined> {
  const identity: SwitchIdentity = {
    coreUuid: new Prng(options.seed).uuid(),
    hostname: 'demo-history',
    ipv4: '192.0.2.3',
  };
  yield* historyChunks(options, identity, chunkSize);
}

/** The Core-UUID the history of `seed` is reported under. */
export function demoHistoryCoreUuid(seed: number): string {
  return new Prng(seed).uuid();
}

function* historyChunks(
  options: DemoHistoryOptions,
  identity: SwitchIdentity,
  chunkSize: number,
): Generator<EslEvent[], void, undefined> {
  const generator = new TrafficGenerator({
    seed: options.seed,
    rate: DEMO_HISTORY_PEAK_RATE,
    rateAt: (atUs) => DEMO_HISTORY_PEAK_RATE * demoDayShape(atUs),
    agents: options.agents,
    queues: options.queues,
    breakChance: 0.05,
    wrapUpMs: [5_000, 40_000],
    startUs: options.fromUs,
  });
  let sequence = 0n;
  let chunk: EslEvent[] = [];
  while (generator.nextAtUs < options.toUs) {
    const call = generator.next();
    if (call.endUs > options.toUs) continue;
    for (const { event: sim } of call.events) {
      const headers = Object.fromEntries(stampEvent(sim, identity, ++sequence, sim.timestampUs));
      const event = createEslEvent(headers, sim.body);
      if (typeof event !== 'string') chunk.push(event);
    }
    if (chunk.length >= chunkSize) {
      yield chunk;
      chunk = [];
    }
  }
  if (chunk.length > 0) yield chunk;
}
