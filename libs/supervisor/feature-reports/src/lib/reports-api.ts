import { HttpClient, HttpParams } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type {
  AgentReport,
  CallChannel,
  IntervalReport,
  QueueReport,
  ReportInterval,
} from '@switchboard/shared/contracts';
import { startOfLocalDate } from '@switchboard/shared/util-metrics';
import { ContactCenterZone } from '@switchboard/supervisor/data-access-live';
import { type Observable, switchMap } from 'rxjs';

/** Which report: one row per queue, per agent, or per interval. */
export type ReportKind = 'queues' | 'agents' | 'intervals';

/**
 * The filters of a report request. `fromDate`/`toDate` are whole days (`YYYY-MM-DD`, both included) of the contact
 * center's calendar; empty strings mean "no filter".
 */
export interface ReportFilters {
  fromDate: string;
  toDate: string;
  queue: string;
  agent: string;
  interval: ReportInterval;
  /** `web`: only calls from call buttons on web pages; empty: every call. */
  channel: CallChannel | '';
}

/** A report of each kind, as the API answers it in JSON. */
export interface ReportOf {
  queues: QueueReport;
  agents: AgentReport;
  intervals: IntervalReport;
}

/** The reports endpoints (`calls:read`): JSON for the screen, CSV for export. */
@Injectable({ providedIn: 'root' })
export class ReportsApi {
  private readonly http = inject(HttpClient);
  private readonly zone = inject(ContactCenterZone);

  /** A report as JSON; 400 with field details for a bad range. */
  load<K extends ReportKind>(kind: K, filters: ReportFilters): Observable<ReportOf[K]> {
    return this.zone.timeZone$.pipe(
      switchMap((timeZone) =>
        this.http.get<ReportOf[K]>(`/api/reports/${kind}`, { params: this.params(kind, filters, timeZone) }),
      ),
    );
  }

  /** The same report as a CSV file. */
  csv(kind: ReportKind, filters: ReportFilters): Observable<Blob> {
    return this.zone.timeZone$.pipe(
      switchMap((timeZone) => {
        const params = this.params(kind, filters, timeZone).set('format', 'csv');
        return this.http.get(`/api/reports/${kind}`, { params, responseType: 'blob' });
      }),
    );
  }

  private params(kind: ReportKind, filters: ReportFilters, timeZone: string): HttpParams {
    const { from, to } = dayRange(filters.fromDate, filters.toDate, timeZone);
    let params = new HttpParams().set('from', from).set('to', to).set('timeZone', timeZone);
    const queue = filters.queue.trim();
    const agent = filters.agent.trim();
    if (queue && kind !== 'agents') params = params.set('queue', queue);
    if (agent && kind === 'agents') params = params.set('agent', agent);
    if (kind === 'intervals') params = params.set('interval', filters.interval);
    if (filters.channel) params = params.set('channel', filters.channel);
    return params;
  }
}

/**
 * Whole days from `fromDate` to `toDate` inclusive in the zone, as ISO instants: from the first day's midnight to the
 * midnight after the last (23 or 25 hours apart across a DST change). What is not a date passes through, so the API
 * names the field.
 */
function dayRange(fromDate: string, toDate: string, timeZone: string): { from: string; to: string } {
  const after = (date: string): string => {
    const start = startOfLocalDate(date, timeZone);
    if (!start) return date;
    const next = new Date(Date.parse(`${date}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
    return startOfLocalDate(next, timeZone)?.toISOString() ?? date;
  };
  return { from: startOfLocalDate(fromDate, timeZone)?.toISOString() ?? fromDate, to: after(toDate) };
}
