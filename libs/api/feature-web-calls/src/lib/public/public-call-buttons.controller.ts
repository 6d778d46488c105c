import { Body, Controller, Get, Header, HttpCode, Options, Param, Post, Req, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import {
  type CallButtonStatusDto,
  type WebCallCredentialDto,
  type WebCallRequest,
  webCallRequestSchema,
} from '@switchboard/shared/contracts';
import { Public } from '@switchboard/api/feature-auth';
import { type ApiRequest, ZodValidationPipe, uuidParam } from '@switchboard/api/util-http';
import { type WebCallCaller, WebCallService } from './web-call.service';

/** Preflights may be cached this long by the browser. */
const PREFLIGHT_MAX_AGE_SECONDS = 600;

/**
 * What the embeddable widget calls, without a token: a button's status and a credential for one call. CORS is opened
 * per button, to its allowed origins only (and errors to those origins are readable, so the widget can say why).
 * The widget posts a form body, which browsers send without a preflight; preflights are answered anyway.
 */
@ApiTags('web calls')
@Public()
@Controller('public/call-buttons')
export class PublicCallButtonsController {
  constructor(private readonly webCalls: WebCallService) {}

  @Get(':id')
  @Header('Cache-Control', 'no-store')
  @ApiOperation({ summary: 'Whether a call button is open now (for the widget on an allowed origin)' })
  async status(
    @Param('id', uuidParam) id: string,
    @Req() request: ApiRequest,
    @Res({ passthrough: true }) response: Response,
  ): Promise<CallButtonStatusDto> {
    await this.openCors(id, request, response);
    return this.webCalls.status(id, callerOf(request));
  }

  @Post(':id/calls')
  @HttpCode(201)
  @Header('Cache-Control', 'no-store')
  @ApiOperation({
    summary: 'A single-use SIP credential for one call of the button (409 closed or busy, 429 rate limit)',
  })
  async issue(
    @Param('id', uuidParam) id: string,
    @Body(new ZodValidationPipe(webCallRequestSchema)) body: WebCallRequest,
    @Req() request: ApiRequest,
    @Res({ passthrough: true }) response: Response,
  ): Promise<WebCallCredentialDto> {
    await this.openCors(id, request, response);
    return this.webCalls.issue(id, body, callerOf(request));
  }

  @Options([':id', ':id/calls'])
  @HttpCode(204)
  async preflight(
    @Param('id', uuidParam) id: string,
    @Req() request: ApiRequest,
    @Res({ passthrough: true }) response: Response,
  ): Promise<void> {
    if (!(await this.openCors(id, request, response))) return;
    response.setHeader('Access-Control-Allow-Methods', 'GET, POST');
    response.setHeader('Access-Control-Allow-Headers', 'content-type');
    response.setHeader('Access-Control-Max-Age', String(PREFLIGHT_MAX_AGE_SECONDS));
  }

  /** Sets the CORS headers when the request's origin is one of the button's; returns whether it is. */
  private async openCors(id: string, request: ApiRequest, response: Response): Promise<boolean> {
    response.vary('Origin');
    const origin = await this.webCalls.allowedOrigin(id, request.headers.origin);
    if (!origin) return false;
    response.setHeader('Access-Control-Allow-Origin', origin);
    response.setHeader('Access-Control-Expose-Headers', 'Retry-After');
    return true;
  }
}

function callerOf(request: ApiRequest): WebCallCaller {
  return { origin: request.headers.origin, ip: request.ip, secure: request.secure, hostname: request.hostname };
}
