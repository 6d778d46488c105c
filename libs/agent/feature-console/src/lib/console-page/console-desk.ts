import { InjectionToken, type Signal } from '@angular/core';
import type {
  AgentCallDto,
  AgentStatusDto,
  DialCheckResultDto,
  SetAgentStatusRequest,
  SipRegistrationDto,
  WrapUpRequest,
} from '@switchboard/shared/contracts';

/**
 * What the console needs from the agent-desk API (`/api/me/...`). The app provides it with `CONSOLE_DESK`
 * (backed by `@switchboard/agent/data-access-desk`); tests provide a fake.
 */
export interface ConsoleDesk {
  /** The agent's status; undefined until first loaded. */
  readonly status: Signal<AgentStatusDto | undefined>;
  /** The agent's recent calls, newest first. */
  readonly calls: Signal<readonly AgentCallDto[]>;
  /** Fresh SIP credentials for this login (`GET /api/me/sip`). */
  sipAccount(): Promise<SipRegistrationDto>;
  /** Reloads status and call history. */
  refresh(): Promise<void>;
  /** Changes the status now or after the current call (`PUT /api/me/status`). */
  setStatus(request: SetAgentStatusRequest): Promise<void>;
  /** Saves the wrap-up of a call (`PUT /api/me/calls/:uuid/wrap-up`). */
  wrapUp(callUuid: string, request: WrapUpRequest): Promise<void>;
  /** Whether the agent may dial `destination` (`POST /api/me/dial-check`). */
  dialCheck(destination: string): Promise<DialCheckResultDto>;
}

/** The agent-desk API the console uses. */
export const CONSOLE_DESK = new InjectionToken<ConsoleDesk>('CONSOLE_DESK');
