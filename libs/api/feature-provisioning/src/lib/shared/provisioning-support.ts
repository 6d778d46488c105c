import type { FieldError, PbxSyncReport } from '@switchboard/shared/contracts';
import { ConflictError, ValidationError } from '@switchboard/api/util-http';

/** What a change reports when FreeSWITCH reads the data on demand (directory lookups): nothing to push. */
export const READ_ON_DEMAND: PbxSyncReport = {
  status: 'applied',
  message: 'Nothing to send: FreeSWITCH reads extensions from /freeswitch/directory each time it needs one.',
};

/** `skip`/`take` of a 1-based page. */
export function pageWindow(query: { page: number; pageSize: number }): { skip: number; take: number } {
  return { skip: (query.page - 1) * query.pageSize, take: query.pageSize };
}

/** A 409 naming the field that clashes, like the users API. */
export function conflict(message: string, path: string, detail: string, cause?: unknown): ConflictError {
  return new ConflictError(message, [{ path, message: detail }], cause === undefined ? undefined : { cause });
}

/** A 400 for a request that points at something that does not exist (unknown userId, queueId, ...). */
export function unknownReference(path: string, detail: string, cause?: unknown): ValidationError {
  const details: FieldError[] = [{ path, message: detail }];
  return new ValidationError(`${path} ${detail}`, details, cause === undefined ? undefined : { cause });
}
