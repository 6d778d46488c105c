import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  type CreateUserRequest,
  type ListUsersQuery,
  type Page,
  type UpdateUserRequest,
  type UserDto,
  createUserRequestSchema,
  listUsersQuerySchema,
  updateUserRequestSchema,
} from '@switchboard/shared/contracts';
import { CurrentPrincipal, RequirePermissions } from '@switchboard/api/feature-auth';
import { type ApiRequest, type Principal, ZodValidationPipe, uuidParam } from '@switchboard/api/util-http';
import { z } from 'zod';
import { UsersService } from './users.service';

/** Admin CRUD of users. */
@ApiTags('users')
@ApiBearerAuth()
@Controller('users')
export class UsersController {
  constructor(private readonly users: UsersService) {}

  @Get()
  @RequirePermissions('users:read')
  @ApiOperation({ summary: 'List users (search by email or name, filter by role, paginated)' })
  list(@Query(new ZodValidationPipe(listUsersQuerySchema)) query: ListUsersQuery): Promise<Page<UserDto>> {
    return this.users.list(query);
  }

  @Get(':id')
  @RequirePermissions('users:read')
  get(@Param('id', uuidParam) id: string): Promise<UserDto> {
    return this.users.get(id);
  }

  @Post()
  @RequirePermissions('users:manage')
  @ApiOperation({ summary: 'Create a user' })
  @ApiBody({ schema: z.toJSONSchema(createUserRequestSchema, { io: 'input' }) as object })
  create(
    @Body(new ZodValidationPipe(createUserRequestSchema)) body: CreateUserRequest,
    @CurrentPrincipal() actor: Principal,
    @Req() request: ApiRequest,
  ): Promise<UserDto> {
    return this.users.create(body, actor, request.ip);
  }

  @Patch(':id')
  @RequirePermissions('users:manage')
  @ApiOperation({ summary: 'Change name, role, password, or disable/enable a user' })
  @ApiBody({ schema: z.toJSONSchema(updateUserRequestSchema, { io: 'input' }) as object })
  update(
    @Param('id', uuidParam) id: string,
    @Body(new ZodValidationPipe(updateUserRequestSchema)) body: UpdateUserRequest,
    @CurrentPrincipal() actor: Principal,
    @Req() request: ApiRequest,
  ): Promise<UserDto> {
    return this.users.update(id, body, actor, request.ip);
  }

  @Delete(':id')
  @HttpCode(204)
  @RequirePermissions('users:manage')
  remove(
    @Param('id', uuidParam) id: string,
    @CurrentPrincipal() actor: Principal,
    @Req() request: ApiRequest,
  ): Promise<void> {
    return this.users.remove(id, actor, request.ip);
  }
}
