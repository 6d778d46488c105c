import { HttpClient, HttpParams } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type {
  CallChannel,
  CallDetailDto,
  CallDirection,
  CallDto,
  Page,
  QueueOutcome,
} from '@switchboard/shared/contracts';
import type { Observable } from 'rxjs';

/** The filters of the call search, as the form holds them (empty strings: no filter). */
export interface CallSearch {
  /** `datetime-local` values in the browser's time zone. */
  from: string;
  to: string;
  queue: string;
  agent: string;
  number: string;
  direction: CallDirection | '';
  outcome: QueueOutcome | '';
  /** `web`: calls from a call button on a web page. */
  channel: CallChannel | '';
  page: number;
  pageSize: number;
}

/** A `datetime-local` value as an ISO instant; the input is in the browser's time zone. */
export function localToIso(value: string): string | null {
  if (!value) return null;
  const time = new Date(value);
  return Number.isNaN(time.getTime()) ? value : time.toISOString();
}

/** The call records endpoints (`calls:read`). */
@Injectable({ providedIn: 'root' })
export class CallsApi {
  private readonly http = inject(HttpClient);

  /** One page of calls matching the filters, newest first; 400 with field details for bad filters. */
  search(search: CallSearch): Observable<Page<CallDto>> {
    let params = new HttpParams().set('page', search.page).set('pageSize', search.pageSize);
    const from = localToIso(search.from);
    const to = localToIso(search.to);
    if (from) params = params.set('from', from);
    if (to) params = params.set('to', to);
    for (const key of ['queue', 'agent', 'number', 'direction', 'outcome', 'channel'] as const) {
      const value = search[key].trim();
      if (value) params = params.set(key, value);
    }
    return this.http.get<Page<CallDto>>('/api/calls', { params });
  }

  /** One call with its legs and FreeSWITCH event timeline. */
  get(uuid: string): Observable<CallDetailDto> {
    return this.http.get<CallDetailDto>(`/api/calls/${encodeURIComponent(uuid)}`);
  }
}
