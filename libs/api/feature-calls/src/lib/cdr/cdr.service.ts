import { Injectable, Logger } from '@nestjs/common';
import { CallWriter } from '../ingestion/call-writer';
import { type JsonCdr, recordFromCdr } from './cdr-record';

/** Merges mod_json_cdr documents into call records, so calls made while ESL was down still appear, complete. */
@Injectable()
export class CdrService {
  private readonly logger = new Logger(CdrService.name);

  constructor(private readonly writer: CallWriter) {}

  /** Throws InvalidCdrError for a document that is not a CDR. */
  async accept(cdr: JsonCdr): Promise<{ call: string; leg: boolean }> {
    const { record, legOf } = recordFromCdr(cdr);
    await this.writer.write([], [record], legOf ? 'cdr-leg' : 'cdr');
    this.logger.debug({ call: record.uuid, leg: Boolean(legOf) }, 'CDR merged');
    return { call: record.uuid, leg: Boolean(legOf) };
  }
}
