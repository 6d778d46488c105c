import { Injectable, Logger, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { PrismaService } from '@switchboard/api/data-access-db';
import { type EslEvent, EslService } from '@switchboard/api/data-access-esl';
import { UUID_PATTERN } from '@switchboard/api/util-http';
import { WEB_CALL_VARIABLES } from './web-call-directory';

/**
 * Ends a web call's credential when its call hangs up, so the button's line is free again at once. Listens to the
 * event flow directly; the write is idempotent (several API replicas may see the same hang-up).
 */
@Injectable()
export class WebCallHangups implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger('WebCallHangups');
  private stop?: () => void;

  constructor(
    private readonly esl: EslService,
    private readonly prisma: PrismaService,
  ) {}

  onModuleInit(): void {
    this.stop = this.esl.on('event', (event) => this.onEvent(event));
  }

  onModuleDestroy(): void {
    this.stop?.();
  }

  /** Synchronous and cheap for every other event: the ESL reader must not wait on us. */
  onEvent(event: EslEvent): void {
    if (event.name !== 'CHANNEL_HANGUP' && event.name !== 'CHANNEL_HANGUP_COMPLETE') return;
    const credential = event.header(`variable_${WEB_CALL_VARIABLES.credential}`);
    if (!credential || !UUID_PATTERN.test(credential)) return;
    const endedAt = new Date(Number(event.timestampUs / 1000n));
    this.prisma.webCallCredential
      .updateMany({ where: { id: credential, endedAt: null }, data: { endedAt } })
      .catch((error: unknown) =>
        // The cap on a call's length (WEB_CALL_MAX_SECONDS) frees the line later if this write is lost.
        this.logger.warn({ err: error, credentialId: credential }, 'could not mark a web call credential ended'),
      );
  }
}
