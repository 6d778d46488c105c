import { Body, Controller, HttpCode, Post, UseGuards } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { Public } from '@switchboard/api/feature-auth';
import { FreeswitchHttpGuard } from '@switchboard/api/feature-provisioning';
import { ValidationError } from '@switchboard/api/util-http';
import { CdrService } from './cdr.service';
import { InvalidCdrError, type JsonCdr } from './cdr-record';

/**
 * mod_json_cdr posts each finished leg here (FreeSWITCH retries and spools to disk when we fail). It sends the
 * JSON raw (encode=false), URL-encoded in a `cdr` form field (encode=true) or base64 in it (encode=base64).
 */
@ApiExcludeController()
@Public()
@UseGuards(FreeswitchHttpGuard)
@Controller('freeswitch')
export class CdrController {
  constructor(private readonly cdrs: CdrService) {}

  @Post('cdr')
  @HttpCode(200)
  async accept(@Body() body: unknown): Promise<{ call: string; leg: boolean }> {
    try {
      return await this.cdrs.accept(decodeCdr(body));
    } catch (error) {
      if (error instanceof InvalidCdrError) throw new ValidationError(error.message, undefined, { cause: error });
      throw error;
    }
  }
}

function decodeCdr(body: unknown): JsonCdr {
  if (typeof body !== 'object' || body === null) throw new InvalidCdrError('empty CDR body');
  const field = (body as { cdr?: unknown }).cdr;
  if (field === undefined) return body as JsonCdr;
  if (typeof field !== 'string') throw new InvalidCdrError('the cdr field must be a string');
  const text = field.trimStart().startsWith('{') ? field : Buffer.from(field, 'base64').toString('utf8');
  try {
    return JSON.parse(text) as JsonCdr;
  } catch (error) {
    throw new InvalidCdrError(`the cdr field is not JSON: ${(error as Error).message}`);
  }
}
