import { Inject, Injectable, Logger, type OnModuleDestroy } from '@nestjs/common';
import { Gauge, Counter } from 'prom-client';
import { MetricsRegistry } from '@switchboard/api/feature-health';
import { APP_CONFIG, type AppConfig } from '@switchboard/api/util-config';
import { CallAssembler } from '../assembler/call-assembler';
import type { EslEvent } from '@switchboard/api/data-access-esl';
import { EventBuffer } from './event-buffer';
import { toEventRow } from './event-row';
import { CallWriter } from './call-writer';

const BATCH_ROWS = 5_000;
const FLUSH_INTERVAL_MS = 200;
const RETRY_MIN_MS = 500;
const RETRY_MAX_MS = 15_000;

/**
 * Turns every FreeSWITCH event into a CallEvent row and an updated call record, and writes them in batches.
 * `ingest` is synchronous and cheap, so the ESL socket reader is never blocked by the database. While PostgreSQL
 * is unreachable events wait in a bounded buffer (INGEST_BUFFER_MAX); writing resumes with backoff.
 */
@Injectable()
export class IngestionService implements OnModuleDestroy {
  private readonly logger = new Logger(IngestionService.name);
  readonly assembler = new CallAssembler();
  private readonly buffer: EventBuffer;
  private timer: NodeJS.Timeout | undefined;
  private flushing: Promise<void> | undefined;
  private retryMs = 0;
  private lastReportedFill = 0;
  private readonly bufferGauge: Gauge;
  private readonly ingested: Counter;
  private readonly dropped: Counter;

  constructor(
    private readonly writer: CallWriter,
    metrics: MetricsRegistry,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.buffer = new EventBuffer(config.ingestBufferMax);
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
    this.dropped = new Counter({
      name: 'switchboard_ingest_dropped_events_total',
      help: 'ESL events dropped because the buffer was full during a database outage',
      registers: [metrics.registry],
    });
  }

  /** Takes one event; never throws, never waits. Returns the call the event belongs to, when known. */
  ingest(event: EslEvent): string | undefined {
    const { changed, callUuid } = this.assembler.apply(event);
    this.buffer.push(toEventRow(event, callUuid), changed ? this.assembler.record(changed) : undefined);
    this.ingested.inc();
    this.bufferGauge.set(this.buffer.size);
    this.reportFill();
    if (this.buffer.size >= BATCH_ROWS && this.retryMs === 0) this.schedule(0);
    else this.schedule(FLUSH_INTERVAL_MS);
    return callUuid;
  }

  /** Writes everything buffered now (tests and shutdown). Rejects when the database refuses. */
  async drain(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    await this.flushing;
    try {
      while (this.buffer.size > 0 || this.buffer.pendingRecords > 0) await this.flushOnce(true);
    } catch (error) {
      // The database is away: keep retrying in the background as ingest would, then report the failure.
      this.schedule(this.retryMs || FLUSH_INTERVAL_MS);
      throw error;
    }
  }

  get pending(): number {
    return this.buffer.size;
  }

  async onModuleDestroy(): Promise<void> {
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
        if (this.buffer.size > 0 || this.buffer.pendingRecords > 0) this.schedule(this.retryMs || FLUSH_INTERVAL_MS);
      });
    }, delayMs);
    this.timer.unref();
  }

  private async flushOnce(rethrow: boolean): Promise<void> {
    const batch = this.buffer.take(BATCH_ROWS);
    try {
      await this.writer.write(batch.rows, batch.records);
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
          { buffered: this.buffer.size, capacity: this.buffer.capacity },
          `ingest buffer ${step * 100}% full`,
        );
      this.lastReportedFill = step;
    }
  }
}
