import { z } from 'zod';
import type { Permission, Role } from './roles';
import type { UserDto } from './users';

export const loginRequestSchema = z.strictObject({
  email: z.string({ error: 'email is required' }).trim().min(1, 'email is required').max(254, 'email is too long'),
  password: z
    .string({ error: 'password is required' })
    .min(1, 'password is required')
    .max(1024, 'password is too long'),
});
export type LoginRequest = z.infer<typeof loginRequestSchema>;

/** Answer of login and refresh. The refresh token travels only in an httpOnly cookie, never in this body. */
export interface LoginResponse {
  accessToken: string;
  tokenType: 'Bearer';
  /** Seconds until the access token expires. */
  expiresIn: number;
  user: UserDto;
}

/** Name and path of the httpOnly refresh-token cookie. */
export const REFRESH_COOKIE = { name: 'sb_refresh', path: '/api/auth' } as const;

/** Claims of an access token. */
export interface AccessTokenClaims {
  /** User id. */
  sub: string;
  /** Session id: revoked sessions stop their access tokens at once. */
  sid: string;
  role: Role;
}

/** Answer of `GET /api/auth/me`: the signed-in user and what their role may do. */
export type MeResponse = UserDto & { permissions: Permission[] };
