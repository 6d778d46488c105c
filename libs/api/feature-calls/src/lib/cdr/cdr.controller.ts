import { Controller, Headers, HttpCode, Post, Query, Req, UseGuards } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request } from 'express';
import { Public } from '@switchboard/api/feature-auth';
import { FreeswitchHttpGuard } from '@switchboard/api/feature-provisioning';
import { ValidationError } from '@switchboard/api/util-http';
import { decodeCdrBody } from './cdr-body';
import { CdrService } from './cdr.service';
import { InvalidCdrError } from './cdr-record';

/**
 * mod_json_cdr posts each finished leg here, to `?uuid=<leg uuid>` (FreeSWITCH retries, then spools to disk, when we
 * fail). The body is read as text whatever its label ({@link decodeCdrBody}); `cdrTextBody` in the app's setup keeps
 * the JSON and form parsers away from this route.
 */
@ApiExcludeController()
@Public()
@UseGuards(FreeswitchHttpGuard)
@Controller('freeswitch')
export class CdrController {
  constructor(private readonly cdrs: CdrService) {}

  @Post('cdr')
  @HttpCode(200)
  async accept(
    @Req() request: Request,
    @Headers('content-type') contentType: string | undefined,
    @Query('uuid') uuid: unknown,
  ): Promise<{ call: string; leg: boolean }> {
    try {
      const body: unknown = request.body;
      const cdr = decodeCdrBody(typeof body === 'string' ? body : '', contentType);
      return await this.cdrs.accept(cdr, typeof uuid === 'string' ? uuid : undefined);
    } catch (error) {
      if (error instanceof InvalidCdrError) throw new ValidationError(error.message, undefined, { cause: error });
      throw error;
    }
  }
}
