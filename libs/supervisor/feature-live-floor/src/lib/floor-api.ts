import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type { LiveAgentStatus } from '@switchboard/shared/contracts';
import { type Observable, map } from 'rxjs';
import type { IntervalPoint } from './floor-charts/floor-charts';
import type { LiveCallRow } from './live-calls/live-call-rows';

/** The REST calls of the live floor: supervisor actions and today's interval figures. */
@Injectable({ providedIn: 'root' })
export class FloorApi {
  private readonly http = inject(HttpClient);

  /** Forces an agent's mod_callcenter status (`Logged Out` logs them out). */
  setAgentStatus(agent: string, status: LiveAgentStatus): Observable<unknown> {
    return this.http.post(`/api/supervision/agents/${encodeURIComponent(agent)}/status`, { status });
  }

  /** Rings the supervisor's phone into the call: listen only, whisper to the agent, or barge in. */
  eavesdrop(call: LiveCallRow, mode: 'listen' | 'whisper' | 'barge'): Observable<unknown> {
    return this.http.post(`/api/supervision/calls/${encodeURIComponent(call.callerLeg.uuid)}/eavesdrop`, { mode });
  }

  /** Hangs up a call (every leg). */
  hangUp(channelUuid: string): Observable<unknown> {
    return this.http.post(`/api/supervision/calls/${encodeURIComponent(channelUuid)}/hangup`, {});
  }

  /** Today's traffic per interval, from midnight. */
  todayIntervals(): Observable<IntervalPoint[]> {
    return this.http.get<IntervalPoint[]>('/api/reports/intervals').pipe(map((points) => points));
  }
}
