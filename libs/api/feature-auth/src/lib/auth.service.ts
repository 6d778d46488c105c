import { createHash, randomBytes } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { type AccessTokenClaims, type LoginResponse, type MeResponse, ROLE_PERMISSIONS } from '@switchboard/shared/contracts';
import { PrismaService } from '@switchboard/api/data-access-db';
import { APP_CONFIG, type AppConfig } from '@switchboard/api/util-config';
import { AccountDisabledError, InvalidCredentialsError, type Principal, UnauthenticatedError } from '@switchboard/api/util-http';
import { PasswordHasher } from './password-hasher';
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

/** Sessions: password login, refresh-token rotation, logout, and access-token verification. */
@Injectable()
export class AuthService {
  constructor(
    private readonly prisma: PrismaService,
    private readonly jwt: JwtService,
    private readonly hasher: PasswordHasher,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async login(email: string, password: string, client: ClientInfo): Promise<IssuedSession> {
    const user = await this.prisma.user.findUnique({ where: { email: email.trim().toLowerCase() } });
    const valid = await this.hasher.verify(user?.passwordHash, password);
    if (!user || !valid) throw new InvalidCredentialsError('Wrong email or password.');
    if (user.disabled) throw new AccountDisabledError('This account is disabled; ask an administrator to enable it.');
    const refreshToken = randomBytes(32).toString('base64url');
    const now = new Date();
    const [session, updated] = await this.prisma.$transaction([
      this.prisma.session.create({
        data: {
          userId: user.id,
          refreshTokenHash: hashToken(refreshToken),
          ip: client.ip,
          userAgent: client.userAgent?.slice(0, 512),
          expiresAt: new Date(now.getTime() + this.config.auth.refreshTokenTtl * 1000),
        },
      }),
      this.prisma.user.update({ where: { id: user.id }, data: { lastLoginAt: now } }),
      this.prisma.auditLog.create({
        data: { actorId: user.id, action: 'auth.login', targetType: 'User', targetId: user.id, ip: client.ip },
      }),
    ]);
    return { refreshToken, response: await this.answer(updated, session.id) };
  }

  /** Exchanges a refresh token for a new access token and rotates the refresh token (the old one stops working). */
  async refresh(refreshToken: string | undefined): Promise<IssuedSession> {
    if (!refreshToken) throw new UnauthenticatedError('No session: sign in again.');
    const session = await this.prisma.session.findUnique({ where: { refreshTokenHash: hashToken(refreshToken) }, include: { user: true } });
    const now = new Date();
    if (!session || session.revokedAt || session.expiresAt <= now) throw new UnauthenticatedError('Your session has ended: sign in again.');
    if (session.user.disabled) throw new AccountDisabledError('This account is disabled; ask an administrator to enable it.');
    const rotated = randomBytes(32).toString('base64url');
    await this.prisma.session.update({ where: { id: session.id }, data: { refreshTokenHash: hashToken(rotated), lastUsedAt: now } });
    return { refreshToken: rotated, response: await this.answer(session.user, session.id) };
  }

  async logout(principal: Principal, client: ClientInfo): Promise<void> {
    await this.prisma.$transaction([
      this.prisma.session.updateMany({ where: { id: principal.sessionId, revokedAt: null }, data: { revokedAt: new Date() } }),
      this.prisma.sipCredential.updateMany({ where: { sessionId: principal.sessionId, revokedAt: null }, data: { revokedAt: new Date() } }),
      this.prisma.auditLog.create({
        data: { actorId: principal.userId, action: 'auth.logout', targetType: 'User', targetId: principal.userId, ip: client.ip },
      }),
    ]);
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

  private async answer(user: Parameters<typeof toUserDto>[0], sessionId: string): Promise<LoginResponse> {
    const claims: AccessTokenClaims = { sub: user.id, sid: sessionId, role: user.role };
    const accessToken = await this.jwt.signAsync(claims, { expiresIn: this.config.auth.accessTokenTtl, algorithm: 'HS256' });
    return { accessToken, tokenType: 'Bearer', expiresIn: this.config.auth.accessTokenTtl, user: toUserDto(user) };
  }
}
