import { InjectionToken } from '@angular/core';
import type { Role } from '@switchboard/shared/contracts';

/** What the auth plumbing needs to know about the app it runs in. */
export interface AuthConfig {
  /** Roles that may sign in to this app (one of `APP_ROLES`). */
  appRoles: readonly Role[];
  /** The app's name as a person reads it in a sentence, e.g. `supervisor dashboard`. */
  appName: string;
  /** Router path of the login page. */
  loginPath: string;
  /** Router path to land on after signing in, and when a page is not allowed. */
  homePath: string;
}

/** The app's {@link AuthConfig}; set by `provideSwitchboardAuth`. */
export const AUTH_CONFIG = new InjectionToken<AuthConfig>('AUTH_CONFIG');

/** API endpoints of the session; relative, because the API serves the apps. */
export const AUTH_URLS = {
  login: '/api/auth/login',
  refresh: '/api/auth/refresh',
  logout: '/api/auth/logout',
} as const;
