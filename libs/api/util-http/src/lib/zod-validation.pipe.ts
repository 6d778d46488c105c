import { type PipeTransform } from '@nestjs/common';
import { summarizeFieldErrors, toFieldErrors } from '@switchboard/shared/contracts';
import { type z } from 'zod';
import { ValidationError } from './domain-errors';

/** Validates (and normalises) a body or query with a contracts schema: `@Body(new ZodValidationPipe(schema))`. */
export class ZodValidationPipe<S extends z.ZodType> implements PipeTransform<unknown, z.output<S>> {
  constructor(private readonly schema: S) {}

  transform(value: unknown): z.output<S> {
    const result = this.schema.safeParse(value ?? {});
    if (result.success) return result.data;
    const details = toFieldErrors(result.error);
    throw new ValidationError(summarizeFieldErrors(details), details);
  }
}
