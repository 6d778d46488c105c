import { createHmac, randomBytes } from 'node:crypto';
import { Inject, Injectable, Logger } from '@nestjs/common';
import type {
  CallButtonStatusDto,
  OpeningInterval,
  WebCallCredentialDto,
  WebCallRequest,
} from '@switchboard/shared/contracts';
import { type Prisma, PrismaService } from '@switchboard/api/data-access-db';
import { sipWebSocketUrl } from '@switchboard/api/feature-agent-desk';
import { sipA1Hash } from '@switchboard/api/feature-provisioning';
import { APP_CONFIG, type AppConfig } from '@switchboard/api/util-config';
import {
  ConflictError,
  ForbiddenError,
  NotFoundError,
  TooManyRequestsError,
  ValidationError,
} from '@switchboard/api/util-http';
import { webCallTarget } from '../credentials/web-call-directory';
import { WEB_CALL_TOKEN_TTL_SECONDS, holdingALine } from '../credentials/web-call-limits';
import { newWebSipUser, pageWithoutQuery } from '../credentials/web-call-names';
import { isOpenAt } from '../hours/opening-hours';

/** 256 random bits per credential: far beyond any online guess against digest auth within its minute. */
const SECRET_BYTES = 32;
const BUSY_MESSAGE = 'All our lines are busy right now. Please try again in a few minutes.';
const FOREIGN_ORIGIN_MESSAGE = 'This website may not use this call button.';

/** Where the widget's request came from, as the controller read it. */
export interface WebCallCaller {
  /** The `Origin` header (undefined when the browser sent none). */
  origin: string | undefined;
  /** Client address (Express `req.ip`, honouring TRUST_PROXY). */
  ip: string | undefined;
  /** Whether the request reached the API over HTTPS, and the host it used: where the browser finds FreeSWITCH. */
  secure: boolean;
  hostname: string | undefined;
}

type ButtonWithQueue = Prisma.CallButtonGetPayload<{ include: { queue: true } }>;

/**
 * The public side of call buttons: what the widget may know before a call, and one single-use SIP credential per
 * call. Every request must come from a page of one of the button's origins; the credential is issued only within the
 * opening hours, below the button's concurrent-call cap and the visitor's rate limit.
 */
@Injectable()
export class WebCallService {
  private readonly logger = new Logger('WebCalls');
  private readonly visitorKeySecret: Buffer;

  constructor(
    private readonly prisma: PrismaService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    // A key of its own, derived from the JWT secret, so a visitor key is useless for anything else.
    this.visitorKeySecret = createHmac('sha256', config.auth.jwtSecret).update('web-call-visitor').digest();
  }

  /** The origin to open CORS to for this button, when the request came from one of its allowed origins. */
  async allowedOrigin(buttonId: string, origin: string | undefined): Promise<string | undefined> {
    if (!origin) return undefined;
    const button = await this.prisma.callButton.findUnique({
      where: { id: buttonId },
      select: { allowedOrigins: true },
    });
    return button?.allowedOrigins.includes(origin) ? origin : undefined;
  }

  async status(buttonId: string, caller: WebCallCaller, now = new Date()): Promise<CallButtonStatusDto> {
    const button = await this.usableButton(buttonId, caller.origin);
    const open = isOpenAt(button.openingHours as OpeningInterval[] | null, button.timeZone, now);
    return { name: button.name, open, message: open ? null : button.closedMessage };
  }

  async issue(
    buttonId: string,
    request: WebCallRequest,
    caller: WebCallCaller,
    now = new Date(),
  ): Promise<WebCallCredentialDto> {
    const button = await this.usableButton(buttonId, caller.origin);
    const page = pageWithoutQuery(request.page);
    if (!page || new URL(page).origin !== caller.origin)
      throw new ValidationError('page must be a page of the origin the request comes from', [
        { path: 'page', message: 'must be a page of the requesting origin' },
      ]);
    if (!isOpenAt(button.openingHours as OpeningInterval[] | null, button.timeZone, now))
      throw new ConflictError(button.closedMessage, [{ path: 'openingHours', message: button.closedMessage }]);
    const queue = button.queue;
    if (!queue) throw new NotFoundError('This call button is not available.');
    const sipUser = newWebSipUser();
    const domain = this.config.sip.domain;
    const ha1 = sipA1Hash(sipUser, domain, randomBytes(SECRET_BYTES).toString('base64url'));
    const visitorKey = this.visitorKey(caller.ip);
    const expiresAt = new Date(now.getTime() + WEB_CALL_TOKEN_TTL_SECONDS * 1000);
    const credential = await this.prisma.$transaction(async (tx) => {
      // One issuer per button at a time, so two visitors cannot both take the last line.
      await tx.$queryRaw`SELECT id FROM "CallButton" WHERE id = ${button.id}::uuid FOR UPDATE`;
      await this.checkVisitorRate(tx, button, visitorKey, now);
      const holding = await tx.webCallCredential.count({ where: holdingALine(button.id, now) });
      if (holding >= button.maxConcurrentCalls)
        throw new ConflictError(BUSY_MESSAGE, [{ path: 'maxConcurrentCalls', message: BUSY_MESSAGE }]);
      return tx.webCallCredential.create({
        data: { buttonId: button.id, sipUser, a1Hash: ha1, origin: caller.origin ?? '', page, visitorKey, expiresAt },
        select: { id: true },
      });
    });
    // Never the hash or the user name: only what a person needs to follow a call.
    this.logger.log(
      { buttonId: button.id, credentialId: credential.id, origin: caller.origin },
      'web call credential issued',
    );
    return {
      authorizationUser: sipUser,
      domain,
      realm: domain,
      ha1,
      wsUrl: sipWebSocketUrl(this.config.sip.wsUrl, caller, domain),
      target: webCallTarget(queue),
      displayName: 'Web visitor',
      expiresAt: expiresAt.toISOString(),
    };
  }

  /** The button, if it exists, is switched on and lists the request's origin; a 404 or 403 otherwise. */
  private async usableButton(buttonId: string, origin: string | undefined): Promise<ButtonWithQueue> {
    const button = await this.prisma.callButton.findUnique({ where: { id: buttonId }, include: { queue: true } });
    // An unknown and a disabled button look the same: the page cannot tell which buttons exist.
    if (!button || !button.enabled || !button.queue) throw new NotFoundError('This call button is not available.');
    if (!origin || !button.allowedOrigins.includes(origin)) {
      this.logger.warn({ buttonId, origin: origin ?? null }, 'web call refused: origin not allowed');
      throw new ForbiddenError(FOREIGN_ORIGIN_MESSAGE);
    }
    return button;
  }

  /** At most `visitorRateLimit` credentials per visitor in any `visitorRateWindowSeconds`; else a 429 saying when. */
  private async checkVisitorRate(
    tx: Prisma.TransactionClient,
    button: ButtonWithQueue,
    visitorKey: string,
    now: Date,
  ): Promise<void> {
    const windowStart = new Date(now.getTime() - button.visitorRateWindowSeconds * 1000);
    const recent = await tx.webCallCredential.findMany({
      where: { buttonId: button.id, visitorKey, createdAt: { gt: windowStart } },
      orderBy: { createdAt: 'desc' },
      take: button.visitorRateLimit,
      select: { createdAt: true },
    });
    if (recent.length < button.visitorRateLimit) return;
    const oldest = recent[recent.length - 1]?.createdAt ?? now;
    const retryAfter = Math.ceil((oldest.getTime() + button.visitorRateWindowSeconds * 1000 - now.getTime()) / 1000);
    throw new TooManyRequestsError(
      `You have started ${button.visitorRateLimit} calls in a short time. Please wait before calling again.`,
      Math.max(1, retryAfter),
    );
  }

  /** A pseudonym of the visitor's address: rate limits per visitor without storing the address. */
  private visitorKey(ip: string | undefined): string {
    return createHmac('sha256', this.visitorKeySecret)
      .update(ip ?? 'unknown')
      .digest('hex')
      .slice(0, 32);
  }
}
