import { Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import type { PbxSyncReport } from '@switchboard/shared/contracts';
import type { AriClient, PjsipObjectType } from '@switchboard/api/data-access-asterisk';
import type { PrismaService } from '@switchboard/api/data-access-db';
import { liveCredentialHash } from '../directory/live-credential';
import type { PbxDirectoryPort } from '../pbx/pbx-directory.port';
import { asteriskObjects } from './asterisk-objects';

/** Deleted in this order: an endpoint names its aor and auth. */
const DELETE_ORDER: readonly PjsipObjectType[] = ['endpoint', 'aor', 'auth'];

/**
 * The PBX port on Asterisk: writes each extension (endpoint, aor, auth with the HA1 it authenticates with now) over
 * ARI's dynamic configuration API into Asterisk's memory, and deletes it when nobody can authenticate as it (no live
 * per-login credential and no static password, disabled, deleted). So a per-login credential works from the moment
 * it is issued and is refused from the moment it ends, and no secret is ever in a file. Asterisk's memory is empty
 * after a restart: every `checkEveryMs` it compares Asterisk's start time and writes every extension again.
 */
export class AsteriskDirectory implements PbxDirectoryPort, OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(AsteriskDirectory.name);
  /** One write at a time, so a login's write and a catch-up never interleave on one extension. */
  private queue: Promise<unknown> = Promise.resolve();
  private syncedStartup: string | undefined;
  private timer: NodeJS.Timeout | undefined;
  private unreachableLogged = false;
  private lastExpiryCheck = new Date();

  constructor(
    private readonly prisma: PrismaService,
    private readonly ari: AriClient,
    private readonly domain: string,
    private readonly checkEveryMs = 10_000,
    /** Runs after every extension was written again (a restarted Asterisk): e.g. the queues, which name them. */
    private readonly afterFullWrite?: () => Promise<unknown>,
  ) {}

  onApplicationBootstrap(): void {
    void this.catchUp();
    this.timer = setInterval(() => void this.catchUp(), this.checkEveryMs);
    this.timer.unref();
  }

  onModuleDestroy(): void {
    clearInterval(this.timer);
  }

  async extensionChanged(number: string): Promise<PbxSyncReport> {
    try {
      await this.serially(() => this.write(number));
      return { status: 'applied', message: `Asterisk has extension ${number} as it is now.` };
    } catch (error) {
      this.logger.warn({ err: error, number }, 'could not write an extension to Asterisk over ARI');
      return {
        status: 'failed',
        message: 'Asterisk did not take the change; it gets every extension again when ARI answers.',
      };
    }
  }

  /** Writes every extension when Asterisk started since the last complete write (or never had one). */
  async catchUp(): Promise<void> {
    try {
      const { startupTime } = await this.ari.info();
      if (startupTime === this.syncedStartup) return await this.dropExpiredCredentials();
      const extensions = await this.prisma.extension.findMany({
        where: { domain: this.domain },
        select: { number: true },
      });
      await this.serially(async () => {
        for (const { number } of extensions) await this.write(number);
      });
      this.syncedStartup = startupTime;
      this.unreachableLogged = false;
      this.logger.log({ extensions: extensions.length, startupTime }, 'wrote every extension to Asterisk');
      await this.afterFullWrite?.();
    } catch (error) {
      // Asterisk down or still loading: the next check tries again; say so once per outage.
      if (!this.unreachableLogged)
        this.logger.warn({ err: error }, 'Asterisk ARI not answering; extensions are written when it does');
      this.unreachableLogged = true;
    }
  }

  /** Per-login credentials end on their own when their session expires: take those out of Asterisk too. */
  private async dropExpiredCredentials(): Promise<void> {
    const now = new Date();
    const expired = await this.prisma.sipCredential.findMany({
      where: { revokedAt: null, expiresAt: { gt: this.lastExpiryCheck, lte: now } },
      select: { extension: { select: { number: true } } },
    });
    this.lastExpiryCheck = now;
    for (const number of new Set(expired.map((c) => c.extension.number))) await this.extensionChanged(number);
  }

  private serially<T>(task: () => Promise<T>): Promise<T> {
    const next = this.queue.then(task);
    // The chain goes on after a failure; the caller sees the failure through `next`.
    this.queue = next.catch(() => undefined);
    return next;
  }

  private async write(number: string): Promise<void> {
    const extension = await this.prisma.extension.findUnique({
      where: { domain_number: { domain: this.domain, number } },
      include: { agent: { select: { userId: true } } },
    });
    const live =
      extension?.enabled && extension.agent
        ? await liveCredentialHash(this.prisma, extension.id, extension.agent.userId)
        : undefined;
    const objects =
      extension?.enabled &&
      asteriskObjects(this.domain, {
        number,
        displayName: extension.displayName,
        callerIdName: extension.callerIdName,
        hasAgent: extension.agent !== null,
        a1Hash: live ?? extension.a1Hash ?? undefined,
      });
    if (!objects) {
      for (const type of DELETE_ORDER) await this.ari.deletePjsipObject(type, number);
      return;
    }
    for (const [type, fields] of objects) await this.ari.putPjsipObject(type, number, fields);
  }
}
