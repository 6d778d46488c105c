import { DatabaseError, Pool } from 'pg';
import { isDatabaseUnavailable } from './database-outage';

function pgError(code: string, message: string): DatabaseError {
  const error = new DatabaseError(message, message.length, 'error');
  error.code = code;
  return error;
}

describe('isDatabaseUnavailable', () => {
  it('recognises a refused connection as node-postgres reports it', async () => {
    // Port 1 on loopback: nothing listens there, so the kernel refuses at once.
    const pool = new Pool({ connectionString: 'postgresql://nobody@127.0.0.1:1/none', connectionTimeoutMillis: 2_000 });
    pool.on('error', () => undefined);
    const refused = await pool.query('SELECT 1').then(
      () => undefined,
      (error: unknown) => error,
    );
    await pool.end();
    expect(refused).toMatchObject({ code: 'ECONNREFUSED' });
    expect(isDatabaseUnavailable(refused)).toBe(true);
  });

  it('recognises a server shutting down, a lost connection and a pool that has ended, also as a cause', () => {
    expect(isDatabaseUnavailable(pgError('57P01', 'terminating connection due to administrator command'))).toBe(true);
    expect(isDatabaseUnavailable(pgError('57P03', 'the database system is starting up'))).toBe(true);
    expect(isDatabaseUnavailable(new Error('Connection terminated unexpectedly'))).toBe(true);
    expect(isDatabaseUnavailable(new Error('Cannot use a pool after calling end on the pool'))).toBe(true);
    expect(isDatabaseUnavailable(pgError('55000', 'database "sb" is not currently accepting connections'))).toBe(true);
    const wrapped = new Error('query failed', { cause: pgError('08006', 'connection failure') });
    expect(isDatabaseUnavailable(wrapped)).toBe(true);
    const prisma = Object.assign(new Error('Transaction API error: Unable to start a transaction in the given time.'), {
      name: 'PrismaClientKnownRequestError',
      code: 'P2028',
    });
    expect(isDatabaseUnavailable(prisma)).toBe(true);
  });

  it('leaves errors about the request itself alone', () => {
    expect(isDatabaseUnavailable(pgError('23505', 'duplicate key value violates unique constraint'))).toBe(false);
    expect(isDatabaseUnavailable(pgError('22021', 'invalid byte sequence for encoding "UTF8": 0x00'))).toBe(false);
    expect(isDatabaseUnavailable(new Error('boom'))).toBe(false);
    expect(isDatabaseUnavailable('Connection terminated')).toBe(false);
  });
});
