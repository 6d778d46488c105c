import { Prisma, isUniqueViolation } from '@switchboard/api/data-access-db';

interface AdapterConstraint {
  index?: string;
  fields?: string[];
}

/**
 * The columns of the unique constraint a Prisma P2002 error names, joined with `_` (`name`, `domain_number`,
 * `agentId_queueId`), `''` when the error does not say, or undefined when it is not a unique violation.
 */
export function uniqueViolationKey(error: unknown): string | undefined {
  if (!isUniqueViolation(error)) return undefined;
  const meta = (error as Prisma.PrismaClientKnownRequestError).meta ?? {};
  const adapter = meta['driverAdapterError'] as { cause?: { constraint?: AdapterConstraint } } | undefined;
  const constraint = adapter?.cause?.constraint;
  const target = meta['target'];
  const fields = constraint?.fields ?? (Array.isArray(target) ? (target as string[]) : undefined);
  if (fields) return fields.map((f) => f.replace(/"/g, '')).join('_');
  const index = constraint?.index ?? (typeof target === 'string' ? target : undefined);
  // Prisma names unique indexes <Model>_<field>_<field>_key.
  return index?.replace(/^[A-Za-z]+_/, '').replace(/_key$/, '') ?? '';
}

/** Whether an error is Prisma's foreign key violation (P2003): a referenced row vanished meanwhile. */
export function isForeignKeyViolation(error: unknown): boolean {
  return error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2003';
}
