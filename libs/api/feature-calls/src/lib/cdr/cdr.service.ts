import { Injectable, Logger } from '@nestjs/common';
import { CallWriter } from '../ingestion/call-writer';
import { InvalidCdrError, type JsonCdr, recordFromCdr } from './cdr-record';

/** Merges mod_json_cdr documents into call records, so calls made while ESL was down still appear, complete. */
@Injectable()
export class CdrService {
  private readonly logger = new Logger(CdrService.name);

  constructor(private readonly writer: CallWriter) {}

  /**
   * Throws InvalidCdrError for a document that is not a CDR, or whose leg is not the `?uuid=` FreeSWITCH posted it
   * for (`postedFor`, when given).
   */
  async accept(cdr: JsonCdr, postedFor?: string): Promise<{ call: string; leg: boolean }> {
    const { record, legOf } = recordFromCdr(cdr);
    const leg = cdr.variables?.['uuid'];
    if (postedFor !== undefined && postedFor.toLowerCase() !== leg?.toLowerCase())
      throw new InvalidCdrError(`posted for uuid ${postedFor.slice(0, 64)} but the document is leg ${leg}`);
    await this.writer.write([], [record], legOf ? 'cdr-leg' : 'cdr');
    this.logger.debug({ call: record.uuid, leg: Boolean(legOf) }, 'CDR merged');
    return { call: record.uuid, leg: Boolean(legOf) };
  }
}
