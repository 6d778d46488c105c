import type { EslEvent } from '@switchboard/api/data-access-esl';
import { LEASE_RENEW_MS, LEASE_TTL_MS } from './node-ownership.service';

/**
 * How far behind its own reading an owner's writes may be and still be covered by a takeover. The owner writes every
 * 10 ms when idle and as soon as the last write ended under load; the bench measured seconds at the worst on a
 * CPU-starved machine, so 6 s is a wide margin.
 */
export const OWNER_WRITE_LAG_MS = 6_000;

/**
 * How far back a standby replica keeps a node's events (ms of arrival). A takeover needs only what the dead owner had
 * received but not yet written (its write lag) and what arrived while nobody held the node (at most the lease's TTL
 * plus one renew interval): 10 s. A longer window only made the takeover slower (30 s was 7,000–12,800 events to
 * replay under load, seconds of work: bench/scale-out).
 */
export const STANDBY_WINDOW_MS = OWNER_WRITE_LAG_MS + LEASE_TTL_MS + LEASE_RENEW_MS;
/** How many events a standby replica keeps per node at most (memory bound: 2,000 events/s for the whole window). */
export const STANDBY_MAX_EVENTS = 20_000;

/**
 * The recent events of a node this replica does not ingest. When the owner dies, the events it received but had not
 * yet written — and those sent while nobody held the node — are here: the new owner ingests them before it resyncs.
 * Most were already written by the old owner; the event log's unique (node, sequence) drops those.
 */
export class StandbyEvents {
  private readonly events: { event: EslEvent; at: number }[] = [];
  private head = 0;

  constructor(
    private readonly windowMs = STANDBY_WINDOW_MS,
    private readonly maxEvents = STANDBY_MAX_EVENTS,
    private readonly now: () => number = Date.now,
  ) {}

  get size(): number {
    return this.events.length - this.head;
  }

  push(event: EslEvent): void {
    const at = this.now();
    this.events.push({ event, at });
    this.trim(at);
  }

  /**
   * Puts back, before everything kept, events taken but not ingested (a takeover that lost the lease half-way): if the
   * node comes back to this replica they are still here. They count as just arrived; the size bound still applies.
   */
  restore(events: readonly EslEvent[]): void {
    if (events.length === 0) return;
    const at = this.now();
    const kept = this.events.slice(this.head);
    this.events.length = 0;
    this.head = 0;
    for (const event of events) this.events.push({ event, at });
    for (const entry of kept) this.events.push(entry);
    this.trim(at);
  }

  /** Everything kept, oldest first; empties the buffer. */
  takeAll(): EslEvent[] {
    this.trim(this.now());
    const taken = this.events.slice(this.head).map((entry) => entry.event);
    this.events.length = 0;
    this.head = 0;
    return taken;
  }

  private trim(now: number): void {
    const oldest = now - this.windowMs;
    while (
      this.head < this.events.length &&
      (this.size > this.maxEvents || (this.events[this.head]?.at ?? now) < oldest)
    )
      this.head++;
    // Compact now and then rather than shift() per event (O(n) each).
    if (this.head > 1_024 && this.head * 2 > this.events.length) {
      this.events.splice(0, this.head);
      this.head = 0;
    }
  }
}
