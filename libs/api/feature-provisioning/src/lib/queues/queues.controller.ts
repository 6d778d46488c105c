import { Body, Controller, Delete, Get, Param, Patch, Post, Query, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  type CreateQueueRequest,
  type QueueDto,
  type ListQueuesQuery,
  type Page,
  type ProvisioningDeleteResult,
  type Provisioned,
  type UpdateQueueRequest,
  createQueueRequestSchema,
  listQueuesQuerySchema,
  updateQueueRequestSchema,
} from '@switchboard/shared/contracts';
import { CurrentPrincipal, RequirePermissions } from '@switchboard/api/feature-auth';
import { type ApiRequest, type Principal, ZodValidationPipe } from '@switchboard/api/util-http';
import { z } from 'zod';
import { uuidParam } from '../shared/uuid-param';
import { QueuesService } from './queues.service';

/** mod_callcenter queues: admins manage them, supervisors may look. Writes answer with `pbxSync`. */
@ApiTags('provisioning')
@ApiBearerAuth()
@Controller('queues')
export class QueuesController {
  constructor(private readonly queues: QueuesService) {}

  @Get()
  @RequirePermissions('calls:read')
  @ApiOperation({ summary: 'List queues (search by name or display name, paginated)' })
  list(@Query(new ZodValidationPipe(listQueuesQuerySchema)) query: ListQueuesQuery): Promise<Page<QueueDto>> {
    return this.queues.list(query);
  }

  @Get(':id')
  @RequirePermissions('calls:read')
  get(@Param('id', uuidParam) id: string): Promise<QueueDto> {
    return this.queues.get(id);
  }

  @Post()
  @RequirePermissions('provisioning:manage')
  @ApiOperation({ summary: 'Create a queue and have mod_callcenter load it' })
  @ApiBody({ schema: z.toJSONSchema(createQueueRequestSchema, { io: 'input' }) as object })
  create(
    @Body(new ZodValidationPipe(createQueueRequestSchema)) body: CreateQueueRequest,
    @CurrentPrincipal() actor: Principal,
    @Req() request: ApiRequest,
  ): Promise<Provisioned<QueueDto>> {
    return this.queues.create(body, actor, request.ip);
  }

  @Patch(':id')
  @RequirePermissions('provisioning:manage')
  @ApiOperation({ summary: 'Change queue settings; mod_callcenter reloads the queue (its name cannot change)' })
  @ApiBody({ schema: z.toJSONSchema(updateQueueRequestSchema, { io: 'input' }) as object })
  update(
    @Param('id', uuidParam) id: string,
    @Body(new ZodValidationPipe(updateQueueRequestSchema)) body: UpdateQueueRequest,
    @CurrentPrincipal() actor: Principal,
    @Req() request: ApiRequest,
  ): Promise<Provisioned<QueueDto>> {
    return this.queues.update(id, body, actor, request.ip);
  }

  @Delete(':id')
  @RequirePermissions('provisioning:manage')
  @ApiOperation({ summary: 'Delete a queue and its tiers, here and in mod_callcenter' })
  remove(
    @Param('id', uuidParam) id: string,
    @CurrentPrincipal() actor: Principal,
    @Req() request: ApiRequest,
  ): Promise<ProvisioningDeleteResult> {
    return this.queues.remove(id, actor, request.ip);
  }
}
