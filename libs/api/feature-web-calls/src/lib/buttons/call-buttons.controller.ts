import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  type CallButtonDto,
  type CreateCallButtonRequest,
  type UpdateCallButtonRequest,
  createCallButtonRequestSchema,
  updateCallButtonRequestSchema,
} from '@switchboard/shared/contracts';
import { CurrentPrincipal, RequirePermissions } from '@switchboard/api/feature-auth';
import { type ApiRequest, type Principal, ZodValidationPipe, uuidParam } from '@switchboard/api/util-http';
import { z } from 'zod';
import { CallButtonsService } from './call-buttons.service';

/** Click-to-call buttons: admins manage them, supervisors may look. */
@ApiTags('web calls')
@ApiBearerAuth()
@Controller('call-buttons')
export class CallButtonsController {
  constructor(private readonly buttons: CallButtonsService) {}

  @Get()
  @RequirePermissions('calls:read')
  @ApiOperation({ summary: "List call buttons with whether each is open now and today's calls" })
  list(): Promise<CallButtonDto[]> {
    return this.buttons.list();
  }

  @Get(':id')
  @RequirePermissions('calls:read')
  get(@Param('id', uuidParam) id: string): Promise<CallButtonDto> {
    return this.buttons.get(id);
  }

  @Post()
  @RequirePermissions('provisioning:manage')
  @ApiOperation({ summary: 'Create a call button for one queue' })
  @ApiBody({ schema: z.toJSONSchema(createCallButtonRequestSchema, { io: 'input' }) as object })
  create(
    @Body(new ZodValidationPipe(createCallButtonRequestSchema)) body: CreateCallButtonRequest,
    @CurrentPrincipal() actor: Principal,
    @Req() request: ApiRequest,
  ): Promise<CallButtonDto> {
    return this.buttons.create(body, actor, request.ip);
  }

  @Patch(':id')
  @RequirePermissions('provisioning:manage')
  @ApiOperation({ summary: 'Change a call button (enabled: false switches it off)' })
  @ApiBody({ schema: z.toJSONSchema(updateCallButtonRequestSchema, { io: 'input' }) as object })
  update(
    @Param('id', uuidParam) id: string,
    @Body(new ZodValidationPipe(updateCallButtonRequestSchema)) body: UpdateCallButtonRequest,
    @CurrentPrincipal() actor: Principal,
    @Req() request: ApiRequest,
  ): Promise<CallButtonDto> {
    return this.buttons.update(id, body, actor, request.ip);
  }

  @Delete(':id')
  @HttpCode(204)
  @RequirePermissions('provisioning:manage')
  @ApiOperation({ summary: 'Delete a call button; its past calls keep its name' })
  remove(
    @Param('id', uuidParam) id: string,
    @CurrentPrincipal() actor: Principal,
    @Req() request: ApiRequest,
  ): Promise<void> {
    return this.buttons.remove(id, actor, request.ip);
  }
}
