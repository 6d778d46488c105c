import { signal } from '@angular/core';
import type {
  AgentCallDto,
  AgentStatusDto,
  DialCheckResultDto,
  PbxKind,
  SetAgentStatusRequest,
  SipRegistrationDto,
  WrapUpRequest,
} from '@switchboard/shared/contracts';
import type { ConsoleDesk } from '../src/lib/console-page/console-desk';

/** The agent's status as a fresh, idle, available agent has it. */
export function fakeStatus(overrides: Partial<AgentStatusDto> = {}): AgentStatusDto {
  return {
    agentId: 'agent-1',
    agentName: 'Ana Agent',
    extensionNumber: '1001',
    status: 'AVAILABLE',
    reasonCode: null,
    since: new Date().toISOString(),
    setBy: 'agent',
    state: 'WAITING',
    activity: 'IDLE',
    wrapUp: null,
    next: null,
    ...overrides,
  };
}

/** A desk API for console tests: records requests; `refusals` makes the dial check refuse a destination. */
export class FakeConsoleDesk implements ConsoleDesk {
  readonly status = signal<AgentStatusDto | undefined>(fakeStatus());
  readonly calls = signal<readonly AgentCallDto[]>([]);
  readonly requests: string[] = [];
  readonly refusals = new Map<string, string>();
  /** The PBX the API names in its SIP registration answer. */
  pbx: PbxKind = 'freeswitch';
  /** What the API has stored, read by the next refresh (undefined: the refresh changes nothing). */
  stored: AgentStatusDto | undefined;

  sipAccount(): Promise<SipRegistrationDto> {
    this.requests.push('GET /api/me/sip');
    return Promise.resolve({
      extension: '1001',
      authorizationUser: '1001',
      domain: 'pbx.test',
      realm: 'pbx.test',
      uri: 'sip:1001@pbx.test',
      wsUrl: 'wss://pbx.test:7443',
      pbx: this.pbx,
      displayName: 'Ana Agent',
      ha1: '0123456789abcdef0123456789abcdef',
      expiresAt: new Date(Date.now() + 3_600_000).toISOString(),
    });
  }
  refresh(): Promise<void> {
    this.requests.push('refresh');
    if (this.stored) this.status.set(this.stored);
    return Promise.resolve();
  }
  setStatus(request: SetAgentStatusRequest): Promise<void> {
    this.requests.push(`PUT /api/me/status ${JSON.stringify(request)}`);
    return Promise.resolve();
  }
  wrapUp(callUuid: string, request: WrapUpRequest): Promise<void> {
    this.requests.push(`PUT /api/me/calls/${callUuid}/wrap-up ${JSON.stringify(request)}`);
    return Promise.resolve();
  }
  dialCheck(destination: string): Promise<DialCheckResultDto> {
    this.requests.push(`POST /api/me/dial-check ${destination}`);
    const refusal = this.refusals.get(destination);
    return Promise.resolve({
      destination,
      kind: refusal ? 'INTERNATIONAL' : 'INTERNAL',
      allowed: !refusal,
      requiredClass: refusal ? 'INTERNATIONAL' : 'INTERNAL',
      outboundClass: 'INTERNAL',
      message: refusal ?? 'Internal call',
    });
  }
}
