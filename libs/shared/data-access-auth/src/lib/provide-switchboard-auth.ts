import { provideHttpClient, withInterceptors } from '@angular/common/http';
import { type EnvironmentProviders, inject, makeEnvironmentProviders, provideAppInitializer } from '@angular/core';
import type { Role } from '@switchboard/shared/contracts';
import { AUTH_CONFIG, type AuthConfig } from './auth-config';
import { AuthStore } from './auth-store';
import { authInterceptor } from './auth-interceptor';

/** Options of {@link provideSwitchboardAuth}. */
export interface SwitchboardAuthOptions {
  /** Roles that may sign in to this app: one of `APP_ROLES`. */
  appRoles: readonly Role[];
  /** The app's name in a sentence: "This account cannot use the {appName}." */
  appName: string;
  /** Router path of the login page; `/login` by default. */
  loginPath?: string;
  /** Router path of the home page; `/` by default. */
  homePath?: string;
}

/**
 * Everything an app needs for sign-in: `HttpClient` with the Bearer/refresh interceptor, the app's auth settings,
 * and a session restore before the first navigation (so a reload keeps the user signed in). Needs `provideRouter`.
 */
export function provideSwitchboardAuth(options: SwitchboardAuthOptions): EnvironmentProviders {
  const config: AuthConfig = {
    appRoles: options.appRoles,
    appName: options.appName,
    loginPath: options.loginPath ?? '/login',
    homePath: options.homePath ?? '/',
  };
  return makeEnvironmentProviders([
    { provide: AUTH_CONFIG, useValue: config },
    provideHttpClient(withInterceptors([authInterceptor])),
    provideAppInitializer(() => inject(AuthStore).restoreSession()),
  ]);
}
