import { DestroyRef, Injectable, computed, inject, signal } from '@angular/core';
import type {
  AgentStatusDto,
  BreakReason,
  DeskStatus,
  PbxSyncReport,
  StatusTiming,
  WrapUpRequest,
  WrapUpResultDto,
} from '@switchboard/shared/contracts';
import { describeApiError } from '@switchboard/shared/data-access-auth';
import { firstValueFrom } from 'rxjs';
import { AgentDeskApi } from './agent-desk-api';

/** After the wrap-up deadline, how long to wait before asking again: the API applies queued statuses every second. */
const AFTER_DEADLINE_MS = 1_500;

/** What {@link AgentStatusStore.change} asks for besides the status. */
export interface StatusChangeOptions {
  /** Required for ON_BREAK. */
  reasonCode?: BreakReason;
  /** `after-call` queues the change until the current call and wrap-up end; `now` by default. */
  when?: StatusTiming;
}

/**
 * The signed-in agent's status for the agent console: current status and since when, the break reason, whether a call
 * or its wrap-up is in progress (with a countdown to the wrap-up deadline), and a status queued for after the call.
 * When the wrap-up deadline passes it asks the API again, which by then has applied any queued status.
 */
@Injectable({ providedIn: 'root' })
export class AgentStatusStore {
  private readonly api = inject(AgentDeskApi);

  private readonly current = signal<AgentStatusDto | null>(null);
  private readonly saving = signal(false);
  private readonly problem = signal<string | null>(null);
  private readonly lastPbxSync = signal<PbxSyncReport | null>(null);
  private readonly clock = signal(Date.now());
  private ticker: ReturnType<typeof setInterval> | undefined;
  private deadlineTimer: ReturnType<typeof setTimeout> | undefined;
  /** Answers older than the newest request are dropped, so a slow read cannot undo a change. */
  private requestSeq = 0;

  /** The latest status from the API, or null before the first load. */
  readonly snapshot = this.current.asReadonly();
  readonly status = computed(() => this.current()?.status ?? null);
  readonly reasonCode = computed(() => this.current()?.reasonCode ?? null);
  /** When the status last changed. */
  readonly since = computed(() => toDate(this.current()?.since));
  /** `IDLE`, `ON_CALL` or `WRAP_UP`. */
  readonly activity = computed(() => this.current()?.activity ?? 'IDLE');
  /** The status queued for after the call, or null. */
  readonly next = computed(() => this.current()?.next ?? null);
  readonly wrapUp = computed(() => this.current()?.wrapUp ?? null);
  /** When the wrap-up ends by itself, or null outside wrap-up. */
  readonly wrapUpDeadline = computed(() => toDate(this.wrapUp()?.deadline));
  /** Whole seconds left of the wrap-up (ticks every second), or null outside wrap-up. */
  readonly wrapUpSecondsLeft = computed(() => {
    const deadline = this.wrapUpDeadline();
    return deadline ? Math.max(0, Math.ceil((deadline.getTime() - this.clock()) / 1000)) : null;
  });
  /** Whether a change or wrap-up is being sent. */
  readonly busy = this.saving.asReadonly();
  /** Why the last request failed, as a sentence; null when it did not. */
  readonly error = this.problem.asReadonly();
  /** Whether FreeSWITCH took the last change (`pending` when it is not connected); null when nothing was sent. */
  readonly pbxSync = this.lastPbxSync.asReadonly();

  constructor() {
    inject(DestroyRef).onDestroy(() => this.stopTimers());
  }

  /** Reads the status from the API. */
  async load(): Promise<void> {
    const seq = ++this.requestSeq;
    try {
      const status = await firstValueFrom(this.api.status());
      if (seq === this.requestSeq) this.accept(status);
    } catch (error) {
      // An HttpErrorResponse: the API refused (404 when the user is not an agent) or could not be reached.
      if (seq === this.requestSeq) this.problem.set(describeApiError(error, 'Could not read your status.'));
    }
  }

  /** Changes the status now or after the call; resolves whether the API accepted it. */
  async change(status: DeskStatus, options: StatusChangeOptions = {}): Promise<boolean> {
    const seq = ++this.requestSeq;
    this.saving.set(true);
    try {
      const result = await firstValueFrom(this.api.setStatus({ status, reasonCode: options.reasonCode, when: options.when ?? 'now' }));
      if (seq === this.requestSeq) {
        const { pbxSync, ...rest } = result;
        this.accept(rest);
        if (pbxSync) this.lastPbxSync.set(pbxSync);
      }
      return true;
    } catch (error) {
      // An HttpErrorResponse: a validation refusal (400) or no answer; the last good status stays shown.
      if (seq === this.requestSeq) this.problem.set(describeApiError(error, 'Could not change your status.'));
      return false;
    } finally {
      this.saving.set(false);
    }
  }

  /** Submits the wrap-up of a call; the answer carries the status after it (a queued break may have started). */
  async submitWrapUp(callUuid: string, request: WrapUpRequest): Promise<WrapUpResultDto | null> {
    const seq = ++this.requestSeq;
    this.saving.set(true);
    try {
      const result = await firstValueFrom(this.api.wrapUp(callUuid, request));
      if (seq === this.requestSeq) {
        this.accept(result.status);
        if (result.pbxSync) this.lastPbxSync.set(result.pbxSync);
      }
      return result;
    } catch (error) {
      // An HttpErrorResponse: not the agent's call (404), already wrapped up or still going (409), or no answer.
      if (seq === this.requestSeq) this.problem.set(describeApiError(error, 'Could not save the wrap-up.'));
      return null;
    } finally {
      this.saving.set(false);
    }
  }

  /** Takes a status learnt elsewhere (e.g. a realtime push) as the current one. */
  accept(status: AgentStatusDto): void {
    this.current.set(status);
    this.problem.set(null);
    this.schedule(status);
  }

  /** Counts the wrap-up down while there is one, and asks again once its deadline has passed. */
  private schedule(status: AgentStatusDto): void {
    this.stopTimers();
    if (!status.wrapUp) return;
    this.clock.set(Date.now());
    this.ticker = setInterval(() => this.clock.set(Date.now()), 1_000);
    const wait = Math.max(0, Date.parse(status.wrapUp.deadline) - Date.now()) + AFTER_DEADLINE_MS;
    this.deadlineTimer = setTimeout(() => void this.load(), wait);
  }

  private stopTimers(): void {
    clearInterval(this.ticker);
    clearTimeout(this.deadlineTimer);
    this.ticker = undefined;
    this.deadlineTimer = undefined;
  }
}

function toDate(iso: string | undefined): Date | null {
  return iso ? new Date(iso) : null;
}
