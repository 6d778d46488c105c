import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  type CallDetailDto,
  type CallDto,
  type ListCallsQuery,
  type Page,
  listCallsQuerySchema,
} from '@switchboard/shared/contracts';
import { RequirePermissions } from '@switchboard/api/feature-auth';
import { ValidationError, ZodValidationPipe } from '@switchboard/api/util-http';
import { CallsService } from './calls.service';

/** Call records built from FreeSWITCH events and CDRs. */
@ApiTags('calls')
@ApiBearerAuth()
@Controller('calls')
export class CallsController {
  constructor(private readonly calls: CallsService) {}

  @Get()
  @RequirePermissions('calls:read')
  @ApiOperation({
    summary: 'Call records, newest first (filters: from, to, queue, agent, direction, outcome, number; paginated)',
  })
  list(@Query(new ZodValidationPipe(listCallsQuerySchema)) query: ListCallsQuery): Promise<Page<CallDto>> {
    return this.calls.list(query);
  }

  @Get(':uuid')
  @RequirePermissions('calls:read')
  @ApiOperation({ summary: 'One call with its ordered FreeSWITCH event timeline' })
  get(@Param('uuid') uuid: string): Promise<CallDetailDto> {
    if (!/^[0-9a-fA-F-]{8,64}$/.test(uuid))
      throw new ValidationError('uuid must be a FreeSWITCH channel UUID', [
        { path: 'uuid', message: 'must be a UUID' },
      ]);
    return this.calls.get(uuid);
  }
}
