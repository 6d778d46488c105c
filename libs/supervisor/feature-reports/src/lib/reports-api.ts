import { HttpClient, HttpParams } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type {
  AgentReport,
  CallChannel,
  IntervalReport,
  QueueReport,
  ReportInterval,
} from '@switchboard/shared/contracts';
import type { Observable } from 'rxjs';

/** Which report: one row per queue, per agent, or per interval. */
export type ReportKind = 'queues' | 'agents' | 'intervals';

/** The filters of a report request. `from`/`to` are ISO instants; empty strings mean "no filter". */
export interface ReportFilters {
  from: string;
  to: string;
  timeZone: string;
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

  /** A report as JSON; 400 with field details for a bad range. */
  load<K extends ReportKind>(kind: K, filters: ReportFilters): Observable<ReportOf[K]> {
    return this.http.get<ReportOf[K]>(`/api/reports/${kind}`, { params: this.params(kind, filters) });
  }

  /** The same report as a CSV file. */
  csv(kind: ReportKind, filters: ReportFilters): Observable<Blob> {
    const params = this.params(kind, filters).set('format', 'csv');
    return this.http.get(`/api/reports/${kind}`, { params, responseType: 'blob' });
  }

  private params(kind: ReportKind, filters: ReportFilters): HttpParams {
    let params = new HttpParams().set('from', filters.from).set('to', filters.to).set('timeZone', filters.timeZone);
    const queue = filters.queue.trim();
    const agent = filters.agent.trim();
    if (queue && kind !== 'agents') params = params.set('queue', queue);
    if (agent && kind === 'agents') params = params.set('agent', agent);
    if (kind === 'intervals') params = params.set('interval', filters.interval);
    if (filters.channel) params = params.set('channel', filters.channel);
    return params;
  }
}
