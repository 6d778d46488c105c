import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import {
  type AccessTokenClaims,
  type LoginResponse,
  type MeResponse,
  ROLE_PERMISSIONS,
} from '@switchboard/shared/contracts';
import { PrismaService } from '@switchboard/api/data-access-db';
import { APP_CONFIG, type AppConfig } from '@switchboard/api/util-config';
import {
  AccountDisabledError,
  InvalidCredentialsError,
  type Principal,
  UnauthenticatedError,
} from '@switchboard/api/util-http';
import { LoginLimiter, SPRAY_WINDOW_SECONDS } from './login/login-limiter';
import { VerificationGate } from './login/verification-gate';
import { PasswordHasher } from './password-hasher';
import { SessionEvents } from './session-events';
import { toUserDto } from './user-mapper';

/** Where a login came from, kept on the session and in the audit log. */
export interface ClientInfo {
  ip?: string;
  userAgent?: string;
}

/** A login or refresh result: the public answer plus the refresh token for the httpOnly cookie. */
export interface IssuedSession {
  response: LoginResponse;
  refreshToken: string;
}

const hashToken = (token: string): string => createHash('sha256').update(token).digest('hex');

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** A refresh token: the session it belongs to, then 256 random bits (only its hash is stored). */
const newRefreshToken = (sessionId: string): string => `${sessionId}.${randomBytes(32).toString('base64url')}`;

/** The session a refresh token names; undefined for a token issued before tokens named their session. */
function sessionIdOf(token: string): string | undefined {
  const id = token.split('.', 1)[0] ?? '';
  return token.includes('.') && UUID.test(id) ? id : undefined;
}

/** Sessions: password login, refresh-token rotation, logout, and access-token verification. */
@Injectable()
export class AuthService {
  private readonly logger = new Logger(AuthService.name);

  constructor(
    private readonly prisma: PrismaService,
    private readonly jwt: JwtService,
    private readonly hasher: PasswordHasher,
    private readonly sessionEvents: SessionEvents,
    private readonly limiter: LoginLimiter,
    private readonly gate: VerificationGate,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /**
   * Password login behind the login limits ({@link LoginLimiter}: failures per address and account, spraying) and
   * the server-wide cap on concurrent argon2 verifications ({@link VerificationGate}).
   */
  async login(email: string, password: string, client: ClientInfo): Promise<IssuedSession> {
    const address = client.ip ?? 'unknown';
    const account = email.trim().toLowerCase();
    await this.limiter.assertAllowed(address, account);
    const user = await this.prisma.user.findUnique({ where: { email: account } });
    // The re-hash of an outdated hash happens inside the gate too: it costs as much CPU as the check.
    const check = await this.gate.run(address, () => this.hasher.verify(user?.passwordHash, password));
    if (!user || !check.valid) {
      await this.recordFailure(address, account, password);
      throw new InvalidCredentialsError('Wrong email or password.');
    }
    await this.limiter.recordSuccess(address, account);
    if (user.disabled) throw new AccountDisabledError('This account is disabled; ask an administrator to enable it.');
    const sessionId = randomUUID();
    const refreshToken = newRefreshToken(sessionId);
    const now = new Date();
    const [session, updated] = await this.prisma.$transaction([
      this.prisma.session.create({
        data: {
          id: sessionId,
          userId: user.id,
          refreshTokenHash: hashToken(refreshToken),
          ip: client.ip,
          userAgent: client.userAgent?.slice(0, 512),
          expiresAt: new Date(now.getTime() + this.config.auth.refreshTokenTtl * 1000),
        },
      }),
      this.prisma.user.update({
        where: { id: user.id },
        data: { lastLoginAt: now, ...(check.upgradedHash ? { passwordHash: check.upgradedHash } : {}) },
      }),
      this.prisma.auditLog.create({
        data: { actorId: user.id, action: 'auth.login', targetType: 'User', targetId: user.id, ip: client.ip },
      }),
    ]);
    return { refreshToken, response: await this.answer(updated, session.id) };
  }

  /**
   * Exchanges a refresh token for a new access token and rotates the refresh token (the old one stops working).
   * Tokens name their session (`<sessionId>.<secret>`), so an old token that comes back is recognised as reuse:
   * someone kept a copy, and the whole session ends — the newest token included — and is audited.
   */
  async refresh(refreshToken: string | undefined, client: ClientInfo = {}): Promise<IssuedSession> {
    if (!refreshToken) throw new UnauthenticatedError('No session: sign in again.');
    const hash = hashToken(refreshToken);
    const sessionId = sessionIdOf(refreshToken);
    const session = await this.prisma.session.findUnique({
      where: sessionId ? { id: sessionId } : { refreshTokenHash: hash },
      include: { user: true },
    });
    const now = new Date();
    if (!session || session.revokedAt || session.expiresAt <= now)
      throw new UnauthenticatedError('Your session has ended: sign in again.');
    if (session.refreshTokenHash !== hash) return this.refuseReuse(session, client);
    if (session.user.disabled)
      throw new AccountDisabledError('This account is disabled; ask an administrator to enable it.');
    const rotated = newRefreshToken(session.id);
    // Only the holder of the current token rotates it: of two concurrent uses of one token, the second is reuse.
    const { count } = await this.prisma.session.updateMany({
      where: { id: session.id, refreshTokenHash: hash, revokedAt: null },
      data: { refreshTokenHash: hashToken(rotated), lastUsedAt: now },
    });
    if (count === 0) return this.refuseReuse(session, client);
    return { refreshToken: rotated, response: await this.answer(session.user, session.id) };
  }

  async logout(principal: Principal, client: ClientInfo): Promise<void> {
    await this.endSession(principal, { action: 'auth.logout', targetType: 'User', targetId: principal.userId }, client);
  }

  /**
   * Checks an access token and that its session and user are still active, so logout and disabling a user take
   * effect at once rather than when the token expires. The role comes from the database, not the token.
   */
  async authenticate(token: string): Promise<Principal> {
    let claims: AccessTokenClaims;
    try {
      claims = await this.jwt.verifyAsync<AccessTokenClaims>(token, { algorithms: ['HS256'] });
    } catch (error) {
      throw new UnauthenticatedError('The access token is invalid or expired.', undefined, { cause: error });
    }
    const session = await this.prisma.session.findUnique({ where: { id: claims.sid }, include: { user: true } });
    if (!session || session.userId !== claims.sub || session.revokedAt || session.expiresAt <= new Date()) {
      throw new UnauthenticatedError('Your session has ended: sign in again.');
    }
    if (session.user.disabled) throw new AccountDisabledError('This account is disabled.');
    const role = session.user.role;
    return { userId: session.userId, sessionId: session.id, role, permissions: ROLE_PERMISSIONS[role] };
  }

  async me(principal: Principal): Promise<MeResponse> {
    const user = await this.prisma.user.findUniqueOrThrow({ where: { id: principal.userId } });
    return { ...toUserDto(user), permissions: [...ROLE_PERMISSIONS[user.role]] };
  }

  /** Counts a failed login; a spray it reveals is logged and audited once (the address is blocked meanwhile). */
  private async recordFailure(address: string, account: string, password: string): Promise<void> {
    const spray = await this.limiter.recordFailure(address, account, password);
    if (!spray) return;
    this.logger.warn(
      { ip: address, accounts: spray.accounts, passwords: spray.passwords },
      'password spraying blocked',
    );
    await this.prisma.auditLog.create({
      data: {
        action: 'auth.spraying',
        targetType: 'Address',
        targetId: address,
        details: { accounts: spray.accounts, passwords: spray.passwords, blockedSeconds: SPRAY_WINDOW_SECONDS },
        ip: address,
      },
    });
  }

  private async refuseReuse(session: { id: string; userId: string }, client: ClientInfo): Promise<never> {
    await this.endSession(
      { sessionId: session.id, userId: session.userId },
      { action: 'auth.refresh_reuse', targetType: 'Session', targetId: session.id },
      client,
    );
    throw new UnauthenticatedError('This sign-in was used from elsewhere, so it has been ended: sign in again.');
  }

  /** Revokes a session and its SIP credential, audits why, and tells the listeners (phones, sockets). */
  private async endSession(
    principal: Pick<Principal, 'sessionId' | 'userId'>,
    audit: { action: string; targetType: string; targetId: string },
    client: ClientInfo,
  ): Promise<void> {
    const now = new Date();
    const [, credentials] = await this.prisma.$transaction([
      this.prisma.session.updateMany({ where: { id: principal.sessionId, revokedAt: null }, data: { revokedAt: now } }),
      this.prisma.sipCredential.updateMany({
        where: { sessionId: principal.sessionId, revokedAt: null },
        data: { revokedAt: now },
      }),
      this.prisma.auditLog.create({ data: { actorId: principal.userId, ...audit, ip: client.ip } }),
    ]);
    await this.sessionEvents.ended({
      sessionId: principal.sessionId,
      userId: principal.userId,
      releasedPhone: credentials.count > 0,
    });
  }

  private async answer(user: Parameters<typeof toUserDto>[0], sessionId: string): Promise<LoginResponse> {
    const claims: AccessTokenClaims = { sub: user.id, sid: sessionId, role: user.role };
    const accessToken = await this.jwt.signAsync(claims, {
      expiresIn: this.config.auth.accessTokenTtl,
      algorithm: 'HS256',
    });
    return { accessToken, tokenType: 'Bearer', expiresIn: this.config.auth.accessTokenTtl, user: toUserDto(user) };
  }
}
