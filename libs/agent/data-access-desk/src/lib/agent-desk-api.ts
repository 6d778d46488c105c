import { HttpClient, HttpParams } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type {
  AgentCallDto,
  AgentStatusChangeResult,
  AgentStatusDto,
  DialCheckResultDto,
  ListMyCallsQuery,
  Page,
  SetAgentStatusRequest,
  SipRegistrationDto,
  WrapUpRequest,
  WrapUpResultDto,
} from '@switchboard/shared/contracts';
import type { Observable } from 'rxjs';

/** The agent desk endpoints; relative, because the API serves the apps (the auth interceptor adds the token). */
export const AGENT_DESK_URLS = {
  sip: '/api/me/sip',
  status: '/api/me/status',
  calls: '/api/me/calls',
  wrapUp: (callUuid: string) => `/api/me/calls/${encodeURIComponent(callUuid)}/wrap-up`,
  dialCheck: '/api/me/dial-check',
} as const;

/**
 * Typed HTTP client of `/api/me/...` for the signed-in agent. It relies on the app's `HttpClient` being set up by
 * `provideSwitchboardAuth` (Bearer token, refresh on 401); errors are the API's `ApiErrorBody` inside an
 * `HttpErrorResponse` (read them with `describeApiError`).
 */
@Injectable({ providedIn: 'root' })
export class AgentDeskApi {
  private readonly http = inject(HttpClient);

  /**
   * A fresh per-login SIP credential (HA1 only) and the softphone settings. Each call revokes the previous
   * credential, so call it once per softphone start, not to read the settings again.
   */
  sipRegistration(): Observable<SipRegistrationDto> {
    return this.http.get<SipRegistrationDto>(AGENT_DESK_URLS.sip);
  }

  status(): Observable<AgentStatusDto> {
    return this.http.get<AgentStatusDto>(AGENT_DESK_URLS.status);
  }

  setStatus(request: SetAgentStatusRequest): Observable<AgentStatusChangeResult> {
    return this.http.put<AgentStatusChangeResult>(AGENT_DESK_URLS.status, request);
  }

  /** The agent's calls, newest first. */
  calls(query: Partial<ListMyCallsQuery> = {}): Observable<Page<AgentCallDto>> {
    let params = new HttpParams();
    if (query.page !== undefined) params = params.set('page', query.page);
    if (query.pageSize !== undefined) params = params.set('pageSize', query.pageSize);
    return this.http.get<Page<AgentCallDto>>(AGENT_DESK_URLS.calls, { params });
  }

  wrapUp(callUuid: string, request: WrapUpRequest): Observable<WrapUpResultDto> {
    return this.http.put<WrapUpResultDto>(AGENT_DESK_URLS.wrapUp(callUuid), request);
  }

  dialCheck(destination: string): Observable<DialCheckResultDto> {
    return this.http.post<DialCheckResultDto>(AGENT_DESK_URLS.dialCheck, { destination });
  }
}
