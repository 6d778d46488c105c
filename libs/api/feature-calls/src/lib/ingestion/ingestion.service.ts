import { type BeforeApplicationShutdown, Inject, Injectable, Logger } from '@nestjs/common';
import { Counter, Gauge, Histogram } from 'prom-client';
import { MetricsRegistry } from '@switchboard/api/feature-health';
import { APP_CONFIG, type AppConfig } from '@switchboard/api/util-config';
import { CallAssembler } from '../assembler/call-assembler';
import type { EslEvent } from '@switchboard/api/data-access-esl';
import { EventBuffer } from './event-buffer';
import { EventRowEncoder } from './event-row';
import { CallWriter } from './call-writer';

const BATCH_ROWS = 5_000;
/**
 * How long an event waits for company before a write starts. A write starts as soon as the last one ended, so
 * batches grow by themselves under load (group commit); this window only gathers the burst FreeSWITCH sends for one
 * state change (CHANNEL_ANSWER, CHANNEL_BRIDGE, callcenter::info...) into one write. It bounds the idle-time lag,
 * which the bench's target (p99 ≤ 200 ms from the event's own timestamp, bench/freeswitch) must leave room for.
 */
export const FLUSH_DELAY_MS = 10;
const RETRY_MIN_MS = 500;
const RETRY_MAX_MS = 15_000;

/**
 * Turns every FreeSWITCH event into a CallEvent row and an updated call record, and writes them in batches.
 * `ingest` is synchronous and cheap, so the ESL socket reader is never blocked by the database. While PostgreSQL
 * is unreachable events wait in a bounded buffer (INGEST_BUFFER_MAX, INGEST_BUFFER_MAX_BYTES); writing resumes with backoff.
 */
@Injectable()
export class IngestionService implements BeforeApplicationShutdown {
  private readonly logger = new Logger(IngestionService.name);
  readonly assembler = new CallAssembler();
  private readonly buffer: EventBuffer;
  private readonly rows = new EventRowEncoder();
  private timer: NodeJS.Timeout | undefined;
  private flushing: Promise<void> | undefined;
  private retryMs = 0;
  private lastReportedFill = 0;
  private readonly bufferGauge: Gauge;
  private readonly ingested: Counter;
  private readonly dropped: Counter;
  private readonly lag: Histogram;

  constructor(
    private readonly writer: CallWriter,
    metrics: MetricsRegistry,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.buffer = new EventBuffer(config.ingestBufferMax, config.ingestBufferMaxBytes);
    this.bufferGauge = new Gauge({
      name: 'switchboard_ingest_buffer_events',
      help: 'ESL events waiting to be written to PostgreSQL',
      registers: [metrics.registry],
    });
    this.ingested = new Counter({
      name: 'switchboard_ingest_events_total',
      help: 'ESL events ingested',
      registers: [metrics.registry],
    });
    this.lag = new Histogram({
      name: 'switchboard_ingest_lag_seconds',
      help: "From an ESL event's own timestamp (Event-Date-Timestamp) to its row and call record being stored",
      buckets: [0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.15, 0.2, 0.3, 0.5, 1, 2, 5, 15],
      registers: [metrics.registry],
    });
    this.dropped = new Counter({
      name: 'switchboard_ingest_dropped_events_total',
      help: 'ESL events dropped because the buffer was full during a database outage',
      registers: [metrics.registry],
    });
  }

  /** Takes one event; never throws, never waits. Returns the call the event belongs to, when known. */
  ingest(event: EslEvent): string | undefined {
    const { changed, callUuid } = this.assembler.apply(event);
    this.buffer.push(this.rows.toRow(event, callUuid), changed ? this.assembler.record(changed) : undefined);
    this.ingested.inc();
    this.bufferGauge.set(this.buffer.size);
    this.reportFill();
    this.schedule(this.buffer.size >= BATCH_ROWS && this.retryMs === 0 ? 0 : FLUSH_DELAY_MS);
    return callUuid;
  }

  /**
   * Takes in a channel that was already up when we first heard of it (its `uuid_dump`), so a call in progress across
   * an API restart still gets a complete record. Returns the call it joined or started; undefined for a channel
   * already followed.
   */
  adopt(dump: EslEvent): string | undefined {
    const changed = this.assembler.adopt(dump);
    if (changed) {
      this.buffer.push(undefined, this.assembler.record(changed));
      this.schedule(FLUSH_DELAY_MS);
    }
    return changed;
  }

  /**
   * Writes everything buffered now (tests and shutdown); resolves once it is stored. Rejects when the database
   * refuses. Its writes take the same single slot as the background ones: a write the timer started is waited for,
   * never run beside (so nothing is still being written when this resolves).
   */
  async drain(): Promise<void> {
    for (;;) {
      clearTimeout(this.timer);
      this.timer = undefined;
      if (this.flushing) {
        await this.flushing.catch(() => undefined);
        continue;
      }
      if (this.buffer.size === 0 && this.buffer.pendingRecords === 0) return;
      const flushing = this.flushOnce(true);
      const slot: Promise<void> = flushing
        .catch(() => undefined)
        .finally(() => {
          if (this.flushing === slot) this.flushing = undefined;
        });
      this.flushing = slot;
      try {
        await flushing;
      } catch (error) {
        // The database is away: keep retrying in the background as ingest would, then report the failure.
        await slot;
        this.schedule(this.retryMs || FLUSH_DELAY_MS);
        throw error;
      }
    }
  }

  get pending(): number {
    return this.buffer.size;
  }

  /** After onModuleDestroy, when ESL is closed and no event can arrive any more; before the pool closes. */
  async beforeApplicationShutdown(): Promise<void> {
    try {
      await this.drain();
    } catch (error) {
      // Shutting down with the database gone: say how much is lost rather than hang.
      this.logger.error({ err: error, pending: this.buffer.size }, 'could not write buffered events before shutdown');
    }
  }

  private schedule(delayMs: number): void {
    if (this.timer || this.flushing) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.flushing = this.flushOnce(false).finally(() => {
        this.flushing = undefined;
        // What arrived during the write goes next, at once (it has waited for the write already); after a
        // failure, with backoff.
        if (this.buffer.size > 0 || this.buffer.pendingRecords > 0) this.schedule(this.retryMs || 0);
      });
    }, delayMs);
    this.timer.unref();
  }

  private async flushOnce(rethrow: boolean): Promise<void> {
    const batch = this.buffer.take(BATCH_ROWS);
    try {
      await this.writer.write(batch.rows, batch.records);
      const storedUs = BigInt(Date.now()) * 1000n;
      for (const row of batch.rows) this.lag.observe(Number(storedUs - row.timestampUs) / 1e6);
      if (this.retryMs > 0)
        this.logger.log({ buffered: this.buffer.size }, 'database reachable again; writing buffered events');
      this.retryMs = 0;
    } catch (error) {
      this.buffer.restore(batch);
      this.retryMs = Math.min(RETRY_MAX_MS, Math.max(RETRY_MIN_MS, this.retryMs * 2));
      this.logger.warn(
        { err: error, buffered: this.buffer.size, retryInMs: this.retryMs },
        'could not write ESL events; keeping them buffered',
      );
      if (rethrow) throw error;
    } finally {
      this.bufferGauge.set(this.buffer.size);
      if (this.buffer.dropped > 0) {
        this.dropped.inc(this.buffer.dropped);
        this.logger.error(
          { dropped: this.buffer.dropped, capacity: this.buffer.capacity },
          'ingest buffer full: oldest raw events dropped (call records kept)',
        );
        this.buffer.dropped = 0;
      }
    }
  }

  /** Logs when the buffer crosses 25 % steps, so an outage shows in the log before anything is dropped. */
  private reportFill(): void {
    const step = Math.floor(this.buffer.fill * 4) / 4;
    if (step !== this.lastReportedFill) {
      if (step > this.lastReportedFill)
        this.logger.warn(
          {
            buffered: this.buffer.size,
            capacity: this.buffer.capacity,
            bytes: this.buffer.bytes,
            maxBytes: this.buffer.maxBytes,
          },
          `ingest buffer ${step * 100}% full`,
        );
      this.lastReportedFill = step;
    }
  }
}
