import type { ArgumentMetadata, PipeTransform } from '@nestjs/common';
import { ValidationError } from './domain-errors';

/** A UUID in its usual 8-4-4-4-12 hex form, any version (ids of our rows, FreeSWITCH channel and call UUIDs). */
export const UUID_PATTERN = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;

/**
 * Route parameters that hold an id: `@Param('id', uuidParam)`. A malformed id is the client's mistake, so a 400
 * `ValidationError` naming the parameter; a well-formed id that matches nothing stays the service's 404.
 * `pattern` widens what is accepted where the ids are not ours (FreeSWITCH lets a dialplan choose a call's UUID).
 */
export class UuidParamPipe implements PipeTransform<unknown, string> {
  constructor(private readonly pattern: RegExp = UUID_PATTERN) {}

  transform(value: unknown, metadata: ArgumentMetadata): string {
    if (typeof value === 'string' && this.pattern.test(value)) return value;
    const name = metadata.data ?? 'id';
    throw new ValidationError(`${name} must be a UUID`, [{ path: name, message: 'must be a UUID' }]);
  }
}

/** The usual {@link UuidParamPipe}. */
export const uuidParam = new UuidParamPipe();
