import { HttpClient, HttpParams } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import {
  AGENT_STATUS_CODE_OF,
  type ForcedAgentStatusResult,
  type HangupCallResult,
  type IntervalReport,
  type LiveAgentStatus,
  type MonitorCallResult,
  type MonitorMode,
} from '@switchboard/shared/contracts';
import { ContactCenterZone } from '@switchboard/supervisor/data-access-live';
import { startOfDay } from '@switchboard/shared/util-metrics';
import { type Observable, map, switchMap } from 'rxjs';
import type { IntervalPoint } from './floor-charts/floor-charts';

/** The REST calls of the live floor: supervisor actions (`floor:supervise`) and today's hourly figures. */
@Injectable({ providedIn: 'root' })
export class FloorApi {
  private readonly http = inject(HttpClient);
  private readonly zone = inject(ContactCenterZone);

  /** Forces an agent's mod_callcenter status; `Logged Out` logs them out. */
  setAgentStatus(agent: string, status: LiveAgentStatus): Observable<ForcedAgentStatusResult> {
    return this.http.post<ForcedAgentStatusResult>(`/api/supervision/agents/${encodeURIComponent(agent)}/status`, {
      status: AGENT_STATUS_CODE_OF[status],
    });
  }

  /** Rings the supervisor's phone into the call: listen only, whisper to the agent, or barge in. */
  monitor(callUuid: string, mode: MonitorMode): Observable<MonitorCallResult> {
    return this.http.post<MonitorCallResult>(`/api/supervision/calls/${encodeURIComponent(callUuid)}/monitor`, {
      mode,
    });
  }

  /** Hangs up a call (its A leg, and with it the bridged legs). */
  hangUp(callUuid: string): Observable<HangupCallResult> {
    return this.http.post<HangupCallResult>(`/api/supervision/calls/${encodeURIComponent(callUuid)}/hangup`, {});
  }

  /** Today's traffic per hour, from midnight in the contact center's zone until now, labelled in that zone. */
  todayIntervals(now = new Date()): Observable<IntervalPoint[]> {
    return this.zone.timeZone$.pipe(
      switchMap((timeZone) => {
        const midnight = startOfDay(now, timeZone);
        const params = new HttpParams()
          .set('from', midnight.toISOString())
          .set('to', new Date(Math.max(now.getTime(), midnight.getTime() + 1000)).toISOString())
          .set('timeZone', timeZone)
          .set('interval', 'hour');
        const hour = new Intl.DateTimeFormat([], { hour: '2-digit', minute: '2-digit', timeZone });
        return this.http.get<IntervalReport>('/api/reports/intervals', { params }).pipe(
          map((report) =>
            report.rows.map((row) => ({
              label: hour.format(new Date(row.start)),
              offered: row.offered,
              answered: row.answered,
              abandoned: row.abandoned,
              serviceLevel: row.serviceLevel,
            })),
          ),
        );
      }),
    );
  }
}
