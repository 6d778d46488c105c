import { DomainError } from './domain-errors';

/** `Retry-After` of a 503 for an unreachable database: a restart or failover takes seconds, not minutes. */
export const DATABASE_RETRY_AFTER_SECONDS = 5;

/** A dependency the request needs (the database) does not answer now: a 503 whose `Retry-After` says when to retry. */
export class ServiceUnavailableError extends DomainError {
  override readonly name = 'ServiceUnavailable';
  constructor(
    message: string,
    /** Whole seconds after which a retry may succeed. */
    readonly retryAfterSeconds: number,
    options?: { cause?: unknown },
  ) {
    super(message, undefined, options);
  }
}

/**
 * SQLSTATEs of a server that is going or gone: class 08 (connection exception), 57P01-57P03 (administrator or crash
 * shutdown, cannot connect now: starting up or recovering), 53300 (too many connections).
 */
const UNAVAILABLE_SQLSTATE = /^(08\w{3}|57P0[123]|53300)$/;
/** Socket errors on the way to the server. */
const UNAVAILABLE_SYSCALL = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH', 'EAI_AGAIN']);
/**
 * Prisma's codes for the same: cannot reach (P1001), timed out (P1002, P1008), server closed the connection (P1017),
 * no pool connection in time (P2024), could not start a transaction in time (P2028).
 */
const UNAVAILABLE_PRISMA = new Set(['P1001', 'P1002', 'P1008', 'P1017', 'P2024', 'P2028']);
/** node-postgres and Prisma say these in words only (a database closed to connections is SQLSTATE 55000, too vague). */
const UNAVAILABLE_MESSAGE =
  /Connection terminated|timeout exceeded when trying to connect|Cannot use a pool after calling end|not queryable|Can't reach database server|Unable to start a transaction in the given time|is not currently accepting connections/i;

/**
 * Whether an error (pg's, Prisma's, or one wrapping them in its `cause`) says the database is unreachable, as
 * opposed to refusing this request. Prisma with a driver adapter keeps the driver's SQLSTATE only in its message.
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  // Duck-typed, not `instanceof Error`: Prisma's driver adapter puts a plain object in `cause`, and errors made in
  // another realm (a VM context) are Errors of another class.
  for (let current = error, depth = 0; isObject(current) && depth < 5; current = current['cause'], depth++) {
    const code = current['code'] ?? current['originalCode'];
    if (typeof code === 'string' && (UNAVAILABLE_SQLSTATE.test(code) || UNAVAILABLE_SYSCALL.has(code))) return true;
    if (typeof code === 'string' && UNAVAILABLE_PRISMA.has(code)) return true;
    if (current['name'] === 'PrismaClientInitializationError' || current['kind'] === 'DatabaseNotReachable')
      return true;
    const message = current['message'];
    if (typeof message !== 'string') continue;
    if (UNAVAILABLE_MESSAGE.test(message)) return true;
    const sqlstate = /Code: `(\w{5})`/.exec(message)?.[1];
    if (sqlstate !== undefined && UNAVAILABLE_SQLSTATE.test(sqlstate)) return true;
  }
  return false;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}
