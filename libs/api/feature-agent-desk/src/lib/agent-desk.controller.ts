import { Body, Controller, Get, Header, HttpCode, Param, Post, Put, Query, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  type AgentCallDto,
  type AgentStatusChangeResult,
  type AgentStatusDto,
  type DialCheckRequest,
  type DialCheckResultDto,
  type ListMyCallsQuery,
  type Page,
  type SetAgentStatusRequest,
  type SipRegistrationDto,
  type WrapUpRequest,
  type WrapUpResultDto,
  dialCheckRequestSchema,
  listMyCallsQuerySchema,
  setAgentStatusRequestSchema,
  wrapUpRequestSchema,
} from '@switchboard/shared/contracts';
import { CurrentPrincipal, RequirePermissions } from '@switchboard/api/feature-auth';
import { type ApiRequest, type Principal, UuidParamPipe, ZodValidationPipe } from '@switchboard/api/util-http';
import { z } from 'zod';
import { MyCallsService } from './calls/my-calls.service';
import { DialCheckService } from './dial/dial-check.service';
import { SipCredentialService } from './sip/sip-credential.service';
import { AgentStatusService } from './status/agent-status.service';

/** FreeSWITCH call UUIDs (a dialplan may choose its own); anything else cannot be a call of the caller's. */
const callUuidParam = new UuidParamPipe(/^[0-9a-fA-F-]{8,64}$/);

/** The signed-in agent's own desk: `/api/me/...`. Every route acts on the caller's own agent only. */
@ApiTags('agent desk')
@ApiBearerAuth()
@RequirePermissions('agent:self')
@Controller('me')
export class AgentDeskController {
  constructor(
    private readonly sip: SipCredentialService,
    private readonly status: AgentStatusService,
    private readonly calls: MyCallsService,
    private readonly dial: DialCheckService,
  ) {}

  @Get('sip')
  @Header('Cache-Control', 'no-store')
  @ApiOperation({
    summary: 'Issue this login a fresh SIP credential (HA1 only) and the softphone settings; revokes the previous one',
  })
  sipRegistration(@CurrentPrincipal() principal: Principal, @Req() request: ApiRequest): Promise<SipRegistrationDto> {
    return this.sip.issue(principal, { secure: request.secure, hostname: request.hostname }, request.ip);
  }

  @Get('status')
  @Header('Cache-Control', 'no-store')
  @ApiOperation({ summary: 'My status, what I am doing (call, wrap-up) and any status queued for after the call' })
  getStatus(@CurrentPrincipal() principal: Principal): Promise<AgentStatusDto> {
    return this.status.current(principal);
  }

  @Put('status')
  @ApiOperation({ summary: "Change my status now, or after the current call and wrap-up (when: 'after-call')" })
  @ApiBody({ schema: z.toJSONSchema(setAgentStatusRequestSchema, { io: 'input' }) as object })
  setStatus(
    @CurrentPrincipal() principal: Principal,
    @Body(new ZodValidationPipe(setAgentStatusRequestSchema)) body: SetAgentStatusRequest,
  ): Promise<AgentStatusChangeResult> {
    return this.status.change(principal, body);
  }

  @Get('calls')
  @ApiOperation({ summary: 'Calls I handled, newest first (paginated)' })
  listCalls(
    @CurrentPrincipal() principal: Principal,
    @Query(new ZodValidationPipe(listMyCallsQuerySchema)) query: ListMyCallsQuery,
  ): Promise<Page<AgentCallDto>> {
    return this.calls.list(principal, query);
  }

  @Put('calls/:uuid/wrap-up')
  @ApiOperation({ summary: 'Submit the disposition and notes of a call I handled (once, after it ended)' })
  @ApiBody({ schema: z.toJSONSchema(wrapUpRequestSchema, { io: 'input' }) as object })
  wrapUp(
    @CurrentPrincipal() principal: Principal,
    @Param('uuid', callUuidParam) uuid: string,
    @Body(new ZodValidationPipe(wrapUpRequestSchema)) body: WrapUpRequest,
    @Req() request: ApiRequest,
  ): Promise<WrapUpResultDto> {
    return this.calls.wrapUp(principal, uuid, body, request.ip);
  }

  @Post('dial-check')
  @HttpCode(200)
  @ApiOperation({ summary: "Whether my extension's outbound class allows calling a destination, and why" })
  @ApiBody({ schema: z.toJSONSchema(dialCheckRequestSchema, { io: 'input' }) as object })
  dialCheck(
    @CurrentPrincipal() principal: Principal,
    @Body(new ZodValidationPipe(dialCheckRequestSchema)) body: DialCheckRequest,
  ): Promise<DialCheckResultDto> {
    return this.dial.check(principal, body.destination);
  }
}
