import type { CallDto } from '@switchboard/shared/contracts';
import { request } from '../sip/provisioning';
import { readUntil } from './stack';

/**
 * A call's record once FreeSWITCH has finished with it: the caller leg's CHANNEL_HANGUP_COMPLETE applied (it says
 * which side hung up), mod_callcenter's member-queue-end applied when the call was queued (the outcome), and a CDR
 * merged. The end time alone is not enough: CHANNEL_HANGUP sets it a moment before CHANNEL_HANGUP_COMPLETE, and the
 * agent leg's CDR can be merged in that moment, so a record read then has an end and a CDR but no side or outcome.
 */
export function finishedCallRecord(base: string, token: string, uuid: string): Promise<CallDto> {
  return readUntil(
    () => request<CallDto>(base, token, 'GET', `/api/calls/${uuid}`).catch(() => undefined as unknown as CallDto),
    (call) =>
      Boolean(call?.endedAt) &&
      call.hangupSide !== null &&
      (call.queue === null || call.outcome !== null) &&
      call.sources.includes('cdr'),
    `the finished record of ${uuid} (ended, the side that hung up, the queue outcome, its CDR)`,
    30_000,
  );
}
