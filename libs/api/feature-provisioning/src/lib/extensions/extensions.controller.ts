import { Body, Controller, Delete, Get, Param, Patch, Post, Query, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  type CreateExtensionRequest,
  type ExtensionDto,
  type ListExtensionsQuery,
  type Page,
  type ProvisioningDeleteResult,
  type Provisioned,
  type UpdateExtensionRequest,
  createExtensionRequestSchema,
  listExtensionsQuerySchema,
  updateExtensionRequestSchema,
} from '@switchboard/shared/contracts';
import { CurrentPrincipal, RequirePermissions } from '@switchboard/api/feature-auth';
import { type ApiRequest, type Principal, ZodValidationPipe } from '@switchboard/api/util-http';
import { z } from 'zod';
import { uuidParam } from '../shared/uuid-param';
import { ExtensionsService } from './extensions.service';

/** SIP extensions: admins manage them, supervisors may look. */
@ApiTags('provisioning')
@ApiBearerAuth()
@Controller('extensions')
export class ExtensionsController {
  constructor(private readonly extensions: ExtensionsService) {}

  @Get()
  @RequirePermissions('calls:read')
  @ApiOperation({ summary: 'List SIP extensions (search by number or name, filter by enabled, paginated)' })
  list(
    @Query(new ZodValidationPipe(listExtensionsQuerySchema)) query: ListExtensionsQuery,
  ): Promise<Page<ExtensionDto>> {
    return this.extensions.list(query);
  }

  @Get(':id')
  @RequirePermissions('calls:read')
  get(@Param('id', uuidParam) id: string): Promise<ExtensionDto> {
    return this.extensions.get(id);
  }

  @Post()
  @RequirePermissions('provisioning:manage')
  @ApiOperation({ summary: 'Create a SIP extension; a password is turned into its a1-hash and never stored' })
  @ApiBody({ schema: z.toJSONSchema(createExtensionRequestSchema, { io: 'input' }) as object })
  create(
    @Body(new ZodValidationPipe(createExtensionRequestSchema)) body: CreateExtensionRequest,
    @CurrentPrincipal() actor: Principal,
    @Req() request: ApiRequest,
  ): Promise<Provisioned<ExtensionDto>> {
    return this.extensions.create(body, actor, request.ip);
  }

  @Patch(':id')
  @RequirePermissions('provisioning:manage')
  @ApiOperation({ summary: 'Change an extension (a new number needs the password again: the a1-hash includes it)' })
  @ApiBody({ schema: z.toJSONSchema(updateExtensionRequestSchema, { io: 'input' }) as object })
  update(
    @Param('id', uuidParam) id: string,
    @Body(new ZodValidationPipe(updateExtensionRequestSchema)) body: UpdateExtensionRequest,
    @CurrentPrincipal() actor: Principal,
    @Req() request: ApiRequest,
  ): Promise<Provisioned<ExtensionDto>> {
    return this.extensions.update(id, body, actor, request.ip);
  }

  @Delete(':id')
  @RequirePermissions('provisioning:manage')
  @ApiOperation({ summary: 'Delete an extension; its agent stays, without a phone to ring' })
  remove(
    @Param('id', uuidParam) id: string,
    @CurrentPrincipal() actor: Principal,
    @Req() request: ApiRequest,
  ): Promise<ProvisioningDeleteResult> {
    return this.extensions.remove(id, actor, request.ip);
  }
}
