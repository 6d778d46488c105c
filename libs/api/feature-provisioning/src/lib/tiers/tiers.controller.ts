import { Body, Controller, Delete, Get, Param, Patch, Post, Query, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  type CreateTierRequest,
  type TierDto,
  type ListTiersQuery,
  type Page,
  type ProvisioningDeleteResult,
  type Provisioned,
  type UpdateTierRequest,
  createTierRequestSchema,
  listTiersQuerySchema,
  updateTierRequestSchema,
} from '@switchboard/shared/contracts';
import { CurrentPrincipal, RequirePermissions } from '@switchboard/api/feature-auth';
import { type ApiRequest, type Principal, ZodValidationPipe } from '@switchboard/api/util-http';
import { z } from 'zod';
import { uuidParam } from '../shared/uuid-param';
import { TiersService } from './tiers.service';

/** Tiers (agent in queue, level, position): admins manage them, supervisors may look. Writes answer with `pbxSync`. */
@ApiTags('provisioning')
@ApiBearerAuth()
@Controller('tiers')
export class TiersController {
  constructor(private readonly tiers: TiersService) {}

  @Get()
  @RequirePermissions('calls:read')
  @ApiOperation({ summary: 'List tiers (filter by queueId or agentId, paginated)' })
  list(@Query(new ZodValidationPipe(listTiersQuerySchema)) query: ListTiersQuery): Promise<Page<TierDto>> {
    return this.tiers.list(query);
  }

  @Get(':id')
  @RequirePermissions('calls:read')
  get(@Param('id', uuidParam) id: string): Promise<TierDto> {
    return this.tiers.get(id);
  }

  @Post()
  @RequirePermissions('provisioning:manage')
  @ApiOperation({ summary: 'Put an agent in a queue at a level and position' })
  @ApiBody({ schema: z.toJSONSchema(createTierRequestSchema, { io: 'input' }) as object })
  create(
    @Body(new ZodValidationPipe(createTierRequestSchema)) body: CreateTierRequest,
    @CurrentPrincipal() actor: Principal,
    @Req() request: ApiRequest,
  ): Promise<Provisioned<TierDto>> {
    return this.tiers.create(body, actor, request.ip);
  }

  @Patch(':id')
  @RequirePermissions('provisioning:manage')
  @ApiOperation({ summary: 'Change the level or position of a tier' })
  @ApiBody({ schema: z.toJSONSchema(updateTierRequestSchema, { io: 'input' }) as object })
  update(
    @Param('id', uuidParam) id: string,
    @Body(new ZodValidationPipe(updateTierRequestSchema)) body: UpdateTierRequest,
    @CurrentPrincipal() actor: Principal,
    @Req() request: ApiRequest,
  ): Promise<Provisioned<TierDto>> {
    return this.tiers.update(id, body, actor, request.ip);
  }

  @Delete(':id')
  @RequirePermissions('provisioning:manage')
  @ApiOperation({ summary: 'Take an agent out of a queue' })
  remove(
    @Param('id', uuidParam) id: string,
    @CurrentPrincipal() actor: Principal,
    @Req() request: ApiRequest,
  ): Promise<ProvisioningDeleteResult> {
    return this.tiers.remove(id, actor, request.ip);
  }
}
