import { DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, inject, linkedSignal, signal } from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import { CALL_CHANNELS, CALL_DIRECTIONS, QUEUE_OUTCOMES, type CallDto, type Page } from '@switchboard/shared/contracts';
import { describeApiError, fieldErrorsOf } from '@switchboard/shared/data-access-auth';
import { injectDirectoryNames } from '@switchboard/supervisor/data-access-live';
import { CallDetail } from '../call-detail/call-detail';
import { type CallSearch, CallsApi } from '../calls-api';
import { startOfTodayLocal } from '../report-dates';

/** Calls per page. */
export const CALLS_PAGE_SIZE = 50;

/**
 * Finds calls by time, queue, agent, number, direction and outcome, and opens one with its FreeSWITCH event
 * timeline. Bad filters are shown beside the field the API names.
 */
@Component({
  selector: 'sb-call-search-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [DatePipe, CallDetail],
  templateUrl: './call-search-page.html',
  styleUrl: './call-search-page.css',
})
export class CallSearchPage {
  private readonly api = inject(CallsApi);
  /** Queues and agents by the names admins gave them (the filters still take mod_callcenter's names). */
  protected readonly names = injectDirectoryNames();

  protected readonly directions = CALL_DIRECTIONS;
  protected readonly outcomes = QUEUE_OUTCOMES;
  protected readonly channels = CALL_CHANNELS;
  /** The filters as typed; applied by Search. */
  protected readonly draft = signal<Omit<CallSearch, 'page' | 'pageSize'>>({
    from: startOfTodayLocal(),
    to: '',
    queue: '',
    agent: '',
    number: '',
    direction: '',
    outcome: '',
    channel: '',
  });
  private readonly applied = signal(this.draft());
  protected readonly page = linkedSignal({ source: this.applied, computation: () => 1 });
  private readonly results = rxResource({
    params: () => ({ ...this.applied(), page: this.page(), pageSize: CALLS_PAGE_SIZE }),
    stream: ({ params }) => this.api.search(params),
  });
  protected readonly shown = linkedSignal<Page<CallDto> | undefined, Page<CallDto> | undefined>({
    source: () => (this.results.hasValue() ? this.results.value() : undefined),
    computation: (loaded, previous) => loaded ?? previous?.value,
  });
  protected readonly loading = this.results.isLoading;
  protected readonly fieldErrors = computed(() => fieldErrorsOf(this.results.error()));
  protected readonly loadError = computed(() => {
    const error = this.results.error();
    if (!error || Object.keys(this.fieldErrors()).length > 0) return null;
    return describeApiError(error, 'The calls could not be loaded.');
  });
  protected readonly pageCount = computed(() => Math.max(1, Math.ceil((this.shown()?.total ?? 0) / CALLS_PAGE_SIZE)));

  protected readonly selected = signal<string | null>(null);
  private readonly detail = rxResource({
    params: () => this.selected() ?? undefined,
    stream: ({ params }) => this.api.get(params),
  });
  protected readonly detailValue = computed(() => (this.detail.hasValue() ? this.detail.value() : undefined));
  protected readonly detailError = computed(() =>
    this.detail.error() ? describeApiError(this.detail.error(), 'The call could not be loaded.') : null,
  );

  protected setFilter(key: keyof ReturnType<typeof this.draft>, value: string): void {
    this.draft.update((draft) => ({ ...draft, [key]: value }));
  }

  protected setDirection(value: string): void {
    const direction = CALL_DIRECTIONS.find((d) => d === value) ?? '';
    this.draft.update((draft) => ({ ...draft, direction }));
  }

  protected setOutcome(value: string): void {
    const outcome = QUEUE_OUTCOMES.find((o) => o === value) ?? '';
    this.draft.update((draft) => ({ ...draft, outcome }));
  }

  protected setChannel(value: string): void {
    const channel = CALL_CHANNELS.find((c) => c === value) ?? '';
    this.draft.update((draft) => ({ ...draft, channel }));
  }

  protected search(event: Event): void {
    event.preventDefault();
    this.applied.set({ ...this.draft() });
  }

  protected goToPage(page: number): void {
    this.page.set(Math.min(Math.max(1, page), this.pageCount()));
  }
}
