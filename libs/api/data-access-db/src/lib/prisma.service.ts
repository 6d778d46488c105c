import { Inject, Injectable, Logger, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { PrismaPg } from '@prisma/adapter-pg';
import { Pool } from 'pg';
import { PrismaClient } from '../generated/prisma/client';

/** Injection token of the PostgreSQL URL the API was started with (embedded or configured). */
export const DATABASE_URL = Symbol('DATABASE_URL');

/**
 * The one Prisma client of the API. Connects at module init and fails the boot when the database is unreachable.
 * Its connection pool is also exposed as `pool` for the few bulk statements where Prisma's per-query overhead
 * matters (ESL event ingestion): one pool, one set of connections.
 */
@Injectable()
export class PrismaService extends PrismaClient implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger(PrismaService.name);
  readonly pool: Pool;

  constructor(@Inject(DATABASE_URL) url: string) {
    const pool = new Pool({ connectionString: url, max: 10, connectionTimeoutMillis: 5_000 });
    super({ adapter: new PrismaPg(pool, { disposeExternalPool: true }) });
    this.pool = pool;
    // An idle connection killed by the server (restart, failover) must not crash the process; the next query
    // opens a new one.
    pool.on('error', (error) => this.logger.warn({ err: error }, 'idle database connection lost'));
  }

  async onModuleInit(): Promise<void> {
    await this.$connect();
    await this.$queryRaw`SELECT 1`;
    this.logger.log('connected to PostgreSQL');
  }

  /**
   * The pool closes last, after every module's onModuleDestroy and beforeApplicationShutdown: buffered ESL events
   * and other late writes drain first instead of meeting "Cannot use a pool after calling end on the pool".
   */
  async onApplicationShutdown(): Promise<void> {
    await this.$disconnect();
  }

  /** Whether the database answers a trivial query within `timeoutMs`. */
  async isReachable(timeoutMs = 2_000): Promise<boolean> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<boolean>((resolve) => {
      timer = setTimeout(() => resolve(false), timeoutMs);
    });
    const probe = this.$queryRaw`SELECT 1`.then(
      () => true,
      () => false,
    );
    try {
      return await Promise.race([probe, timeout]);
    } finally {
      clearTimeout(timer);
    }
  }
}
