import { Body, Controller, Get, HttpCode, Inject, Post, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import {
  type LoginRequest,
  type LoginResponse,
  type MeResponse,
  REFRESH_COOKIE,
  loginRequestSchema,
} from '@switchboard/shared/contracts';
import { APP_CONFIG, type AppConfig } from '@switchboard/api/util-config';
import { type ApiRequest, type Principal, ZodValidationPipe, isDatabaseUnavailable } from '@switchboard/api/util-http';
import { z } from 'zod';
import { AuthService, type ClientInfo } from './auth.service';
import { CurrentPrincipal, Public } from './auth.decorators';

const clientOf = (request: ApiRequest): ClientInfo => ({ ip: request.ip, userAgent: request.headers['user-agent'] });

/** Sign in, keep the session alive, sign out. */
@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(
    private readonly auth: AuthService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Public()
  @Post('login')
  @HttpCode(200)
  @ApiOperation({ summary: 'Email + password → access token (the refresh token is set as an httpOnly cookie)' })
  @ApiBody({ schema: z.toJSONSchema(loginRequestSchema, { io: 'input' }) as object })
  async login(
    @Body(new ZodValidationPipe(loginRequestSchema)) body: LoginRequest,
    @Req() request: ApiRequest,
    @Res({ passthrough: true }) response: Response,
  ): Promise<LoginResponse> {
    const issued = await this.auth.login(body.email, body.password, clientOf(request));
    this.setRefreshCookie(response, request, issued.refreshToken);
    return issued.response;
  }

  @Public()
  @Post('refresh')
  @HttpCode(200)
  @ApiOperation({ summary: 'New access token from the refresh cookie; the cookie is rotated' })
  async refresh(@Req() request: ApiRequest, @Res({ passthrough: true }) response: Response): Promise<LoginResponse> {
    const cookies = request.cookies as Record<string, string | undefined> | undefined;
    try {
      const issued = await this.auth.refresh(cookies?.[REFRESH_COOKIE.name], clientOf(request));
      this.setRefreshCookie(response, request, issued.refreshToken);
      return issued.response;
    } catch (error) {
      // A dead session's cookie is useless: drop it so the browser stops sending it. During a database outage the
      // session may be fine: keep the cookie, or everyone would be signed out by it.
      if (!isDatabaseUnavailable(error)) response.clearCookie(REFRESH_COOKIE.name, { path: REFRESH_COOKIE.path });
      throw error;
    }
  }

  @Post('logout')
  @HttpCode(204)
  @ApiBearerAuth()
  @ApiOperation({ summary: 'End this session: its refresh token, access tokens and SIP credential stop working' })
  async logout(
    @CurrentPrincipal() principal: Principal,
    @Req() request: ApiRequest,
    @Res({ passthrough: true }) response: Response,
  ): Promise<void> {
    await this.auth.logout(principal, clientOf(request));
    response.clearCookie(REFRESH_COOKIE.name, { path: REFRESH_COOKIE.path });
  }

  @Get('me')
  @ApiBearerAuth()
  @ApiOperation({ summary: 'The signed-in user and their permissions' })
  me(@CurrentPrincipal() principal: Principal): Promise<MeResponse> {
    return this.auth.me(principal);
  }

  private setRefreshCookie(response: Response, request: ApiRequest, token: string): void {
    response.cookie(REFRESH_COOKIE.name, token, {
      httpOnly: true,
      sameSite: 'strict',
      secure: request.secure,
      path: REFRESH_COOKIE.path,
      maxAge: this.config.auth.refreshTokenTtl * 1000,
    });
  }
}
