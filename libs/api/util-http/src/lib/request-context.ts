import type { Request } from 'express';
import type { Permission, Role } from '@switchboard/shared/contracts';

/** Who is calling: set by the auth guard on every authenticated request. */
export interface Principal {
  userId: string;
  sessionId: string;
  role: Role;
  permissions: readonly Permission[];
}

/** Express request as the API sees it (pino-http adds `id`; the auth guard adds `principal`). */
export interface ApiRequest extends Request {
  id: string | number | object;
  principal?: Principal;
}

/** Request id for logs and error bodies. */
export function requestIdOf(request: ApiRequest): string | undefined {
  return typeof request.id === 'string' || typeof request.id === 'number' ? String(request.id) : undefined;
}
