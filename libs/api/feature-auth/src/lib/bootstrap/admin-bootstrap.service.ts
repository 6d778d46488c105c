import { randomBytes } from 'node:crypto';
import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { PrismaService } from '@switchboard/api/data-access-db';
import { APP_CONFIG, type AppConfig } from '@switchboard/api/util-config';
import { PasswordHasher } from '../password-hasher';
import { weakPasswordReason } from '../password-policy';

/** The credentials of the first admin when the API had to invent them (printed once at startup). */
export interface GeneratedAdmin {
  email: string;
  password: string;
}

/**
 * Creates the first admin when the database has no user at all: from ADMIN_EMAIL/ADMIN_PASSWORD, or with a
 * generated password that is printed once (it is stored only as a hash).
 */
@Injectable()
export class AdminBootstrapService implements OnApplicationBootstrap {
  private readonly logger = new Logger(AdminBootstrapService.name);
  /** Set when this boot generated the admin's password, so main.ts can print it beside the URLs. */
  generated: GeneratedAdmin | undefined;

  constructor(
    private readonly prisma: PrismaService,
    private readonly hasher: PasswordHasher,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if ((await this.prisma.user.count()) > 0) return;
    const email = this.config.bootstrapAdmin?.email ?? 'admin@switchboard.local';
    const password = this.config.bootstrapAdmin?.password ?? randomBytes(12).toString('base64url');
    const weak = weakPasswordReason(password);
    // The first admin guards everything else: a guessable ADMIN_PASSWORD stops the boot rather than go live.
    if (weak) throw new Error(`ADMIN_PASSWORD is refused: ${weak.replace(/^password /, '')}`);
    await this.prisma.user.create({
      data: { email, displayName: 'Administrator', role: 'ADMIN', passwordHash: await this.hasher.hash(password) },
    });
    if (!this.config.bootstrapAdmin) this.generated = { email, password };
    this.logger.log(`created the first admin user ${email}`);
  }
}
