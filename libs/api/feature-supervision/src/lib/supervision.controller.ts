import { Body, Controller, HttpCode, Param, Post, Req, UseFilters } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  CHANNEL_UUID_PATTERN,
  type ForceAgentStatusRequest,
  type ForcedAgentStatusResult,
  type HangupCallResult,
  type MonitorCallRequest,
  type MonitorCallResult,
  forceAgentStatusRequestSchema,
  monitorCallRequestSchema,
} from '@switchboard/shared/contracts';
import { CurrentPrincipal, RequirePermissions } from '@switchboard/api/feature-auth';
import { type ApiRequest, type Principal, ValidationError, ZodValidationPipe } from '@switchboard/api/util-http';
import { z } from 'zod';
import { AgentOverrideService } from './agent-override.service';
import { SupervisionExceptionFilter } from './supervision-exception.filter';
import { SupervisionService } from './supervision.service';

const AGENT_NAME = /^[A-Za-z0-9_.@+-]{1,128}$/;

function callUuid(uuid: string): string {
  if (!CHANNEL_UUID_PATTERN.test(uuid))
    throw new ValidationError('uuid must be a call or channel UUID', [{ path: 'uuid', message: 'must be a UUID' }]);
  return uuid;
}
function agentName(name: string): string {
  if (!AGENT_NAME.test(name))
    throw new ValidationError('name must be an agent name', [{ path: 'name', message: 'must be an agent name' }]);
  return name;
}

/** Supervisor actions on live calls and agents (`/api/supervision/...`); each is written to the audit log. */
@ApiTags('supervision')
@ApiBearerAuth()
@RequirePermissions('floor:supervise')
@UseFilters(SupervisionExceptionFilter)
@Controller('supervision')
export class SupervisionController {
  constructor(
    private readonly supervision: SupervisionService,
    private readonly agents: AgentOverrideService,
  ) {}

  @Post('calls/:uuid/monitor')
  @HttpCode(202)
  @ApiOperation({ summary: 'Ring my extension and listen, whisper to the agent, or barge into a live call' })
  @ApiBody({ schema: z.toJSONSchema(monitorCallRequestSchema, { io: 'input' }) as object })
  monitor(
    @CurrentPrincipal() principal: Principal,
    @Param('uuid') uuid: string,
    @Body(new ZodValidationPipe(monitorCallRequestSchema)) body: MonitorCallRequest,
    @Req() request: ApiRequest,
  ): Promise<MonitorCallResult> {
    return this.supervision.monitor(principal, callUuid(uuid), body, request.ip);
  }

  @Post('calls/:uuid/hangup')
  @HttpCode(200)
  @ApiOperation({ summary: 'Hang up a live call' })
  hangup(
    @CurrentPrincipal() principal: Principal,
    @Param('uuid') uuid: string,
    @Req() request: ApiRequest,
  ): Promise<HangupCallResult> {
    return this.supervision.hangup(principal, callUuid(uuid), request.ip);
  }

  @Post('agents/:name/status')
  @HttpCode(200)
  @ApiOperation({ summary: "Force an agent's status in mod_callcenter and in the status history" })
  @ApiBody({ schema: z.toJSONSchema(forceAgentStatusRequestSchema, { io: 'input' }) as object })
  forceStatus(
    @CurrentPrincipal() principal: Principal,
    @Param('name') name: string,
    @Body(new ZodValidationPipe(forceAgentStatusRequestSchema)) body: ForceAgentStatusRequest,
    @Req() request: ApiRequest,
  ): Promise<ForcedAgentStatusResult> {
    return this.agents.forceStatus(principal, agentName(name), body, request.ip);
  }

  @Post('agents/:name/logout')
  @HttpCode(200)
  @ApiOperation({ summary: 'Log an agent out of mod_callcenter' })
  logout(
    @CurrentPrincipal() principal: Principal,
    @Param('name') name: string,
    @Req() request: ApiRequest,
  ): Promise<ForcedAgentStatusResult> {
    return this.agents.forceStatus(principal, agentName(name), { status: 'LOGGED_OUT' }, request.ip);
  }
}
