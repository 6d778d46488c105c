import { EslTimeoutError } from '../errors';
import type { EslEvent } from '../protocol/esl-event';

interface Job {
  readonly command: string;
  readonly resolve: (body: string) => void;
  readonly reject: (error: Error) => void;
  readonly timer: NodeJS.Timeout;
}

/**
 * bgapi jobs waiting for their BACKGROUND_JOB event, by Job-UUID. Not tied to a socket: FreeSWITCH sends the event
 * to every subscribed listener, so a job started before a reconnect can still finish after it.
 */
export class BackgroundJobs {
  private readonly jobs = new Map<string, Job>();

  constructor(
    private readonly where: string,
    private readonly nodeId: string,
  ) {}

  get size(): number {
    return this.jobs.size;
  }

  /** Waits for the job's event; rejects with {@link EslTimeoutError} after `timeoutMs`. */
  add(
    jobUuid: string,
    command: string,
    timeoutMs: number,
    resolve: (body: string) => void,
    reject: (error: Error) => void,
  ): void {
    const timer = setTimeout(() => {
      this.jobs.delete(jobUuid);
      reject(
        new EslTimeoutError(
          `${this.where}: background job "${command}" (${jobUuid}) did not finish within ${timeoutMs} ms`,
          { nodeId: this.nodeId },
        ),
      );
    }, timeoutMs);
    this.jobs.set(jobUuid, { command, resolve, reject, timer });
  }

  /** FreeSWITCH assigned another Job-UUID than ours (old versions ignore the header): wait for that one. */
  rename(from: string, to: string): void {
    const job = this.jobs.get(from);
    if (!job || from === to) return;
    this.jobs.delete(from);
    this.jobs.set(to, job);
  }

  /** The job failed before it started (its bgapi was refused or never answered). */
  fail(jobUuid: string, error: Error): void {
    const job = this.jobs.get(jobUuid);
    if (!job) return;
    this.jobs.delete(jobUuid);
    clearTimeout(job.timer);
    job.reject(error);
  }

  /** Resolves the job a BACKGROUND_JOB event belongs to, if it is ours; its body is the command's output. */
  finish(event: EslEvent): void {
    const uuid = event.header('Job-UUID');
    const job = uuid === undefined ? undefined : this.jobs.get(uuid);
    if (uuid === undefined || job === undefined) return;
    this.jobs.delete(uuid);
    clearTimeout(job.timer);
    job.resolve(event.body ?? '');
  }

  rejectAll(error: Error): void {
    for (const uuid of [...this.jobs.keys()]) this.fail(uuid, error);
  }
}
