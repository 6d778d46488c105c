import { Body, Controller, Delete, Get, Param, Patch, Post, Query, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  type CreateAgentRequest,
  type AgentDto,
  type ListAgentsQuery,
  type Page,
  type ProvisioningDeleteResult,
  type Provisioned,
  type UpdateAgentRequest,
  createAgentRequestSchema,
  listAgentsQuerySchema,
  updateAgentRequestSchema,
} from '@switchboard/shared/contracts';
import { CurrentPrincipal, RequirePermissions } from '@switchboard/api/feature-auth';
import { type ApiRequest, type Principal, ZodValidationPipe } from '@switchboard/api/util-http';
import { z } from 'zod';
import { uuidParam } from '../shared/uuid-param';
import { AgentsService } from './agents.service';

/** mod_callcenter agents: admins manage them, supervisors may look. Writes answer with `pbxSync`. */
@ApiTags('provisioning')
@ApiBearerAuth()
@Controller('agents')
export class AgentsController {
  constructor(private readonly agents: AgentsService) {}

  @Get()
  @RequirePermissions('calls:read')
  @ApiOperation({ summary: 'List agents (search by name, paginated)' })
  list(@Query(new ZodValidationPipe(listAgentsQuerySchema)) query: ListAgentsQuery): Promise<Page<AgentDto>> {
    return this.agents.list(query);
  }

  @Get(':id')
  @RequirePermissions('calls:read')
  get(@Param('id', uuidParam) id: string): Promise<AgentDto> {
    return this.agents.get(id);
  }

  @Post()
  @RequirePermissions('provisioning:manage')
  @ApiOperation({
    summary: 'Make a user an agent (name defaults to <extension>@<domain>) and add it to mod_callcenter',
  })
  @ApiBody({ schema: z.toJSONSchema(createAgentRequestSchema, { io: 'input' }) as object })
  create(
    @Body(new ZodValidationPipe(createAgentRequestSchema)) body: CreateAgentRequest,
    @CurrentPrincipal() actor: Principal,
    @Req() request: ApiRequest,
  ): Promise<Provisioned<AgentDto>> {
    return this.agents.create(body, actor, request.ip);
  }

  @Patch(':id')
  @RequirePermissions('provisioning:manage')
  @ApiOperation({ summary: 'Change the extension or the mod_callcenter timers of an agent' })
  @ApiBody({ schema: z.toJSONSchema(updateAgentRequestSchema, { io: 'input' }) as object })
  update(
    @Param('id', uuidParam) id: string,
    @Body(new ZodValidationPipe(updateAgentRequestSchema)) body: UpdateAgentRequest,
    @CurrentPrincipal() actor: Principal,
    @Req() request: ApiRequest,
  ): Promise<Provisioned<AgentDto>> {
    return this.agents.update(id, body, actor, request.ip);
  }

  @Delete(':id')
  @RequirePermissions('provisioning:manage')
  @ApiOperation({ summary: 'Delete an agent and its tiers, here and in mod_callcenter' })
  remove(
    @Param('id', uuidParam) id: string,
    @CurrentPrincipal() actor: Principal,
    @Req() request: ApiRequest,
  ): Promise<ProvisioningDeleteResult> {
    return this.agents.remove(id, actor, request.ip);
  }
}
