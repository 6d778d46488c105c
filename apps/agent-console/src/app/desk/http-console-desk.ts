import { HttpClient } from '@angular/common/http';
import { inject, Injectable, signal } from '@angular/core';
import type { ConsoleDesk } from '@switchboard/agent/feature-console';
import type {
  AgentCallDto,
  AgentStatusDto,
  DialCheckResultDto,
  Page,
  SetAgentStatusRequest,
  SipRegistrationDto,
  WrapUpRequest,
  WrapUpResultDto,
} from '@switchboard/shared/contracts';
import { firstValueFrom } from 'rxjs';

/** The console's view of `/api/me/...` over HttpClient (the auth interceptor adds the bearer token). */
@Injectable({ providedIn: 'root' })
export class HttpConsoleDesk implements ConsoleDesk {
  private readonly http = inject(HttpClient);
  private readonly statusState = signal<AgentStatusDto | undefined>(undefined);
  private readonly callsState = signal<readonly AgentCallDto[]>([]);
  readonly status = this.statusState.asReadonly();
  readonly calls = this.callsState.asReadonly();

  sipAccount(): Promise<SipRegistrationDto> {
    return firstValueFrom(this.http.get<SipRegistrationDto>('/api/me/sip'));
  }

  async refresh(): Promise<void> {
    const [status, calls] = await Promise.all([
      firstValueFrom(this.http.get<AgentStatusDto>('/api/me/status')),
      firstValueFrom(this.http.get<Page<AgentCallDto>>('/api/me/calls', { params: { page: 1, pageSize: 20 } })),
    ]);
    this.statusState.set(status);
    this.callsState.set(calls.items);
  }

  async setStatus(request: SetAgentStatusRequest): Promise<void> {
    this.statusState.set(await firstValueFrom(this.http.put<AgentStatusDto>('/api/me/status', request)));
  }

  async wrapUp(callUuid: string, request: WrapUpRequest): Promise<void> {
    const result = await firstValueFrom(this.http.put<WrapUpResultDto>(`/api/me/calls/${encodeURIComponent(callUuid)}/wrap-up`, request));
    this.statusState.set(result.status);
    this.callsState.update((calls) => calls.map((call) => (call.uuid === result.call.uuid ? result.call : call)));
  }

  dialCheck(destination: string): Promise<DialCheckResultDto> {
    return firstValueFrom(this.http.post<DialCheckResultDto>('/api/me/dial-check', { destination }));
  }
}
