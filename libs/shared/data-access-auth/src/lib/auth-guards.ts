import { inject } from '@angular/core';
import { type CanActivateFn, Router, type UrlTree } from '@angular/router';
import type { Permission } from '@switchboard/shared/contracts';
import { AUTH_CONFIG } from './auth-config';
import { AuthStore } from './auth-store';

/** The login page, remembering where the user was going. */
function loginRedirect(router: Router, loginPath: string, url: string): UrlTree {
  const queryParams = url && url !== '/' ? { returnUrl: url } : {};
  return router.createUrlTree([loginPath], { queryParams });
}

/** Lets signed-in users through; sends others to the login page, remembering where they were going. */
export const signedInGuard: CanActivateFn = async (_route, state) => {
  const store = inject(AuthStore);
  const router = inject(Router);
  const { loginPath } = inject(AUTH_CONFIG);
  await store.settled();
  return store.status() === 'signed-in' ? true : loginRedirect(router, loginPath, state.url);
};

/** Keeps signed-in users off the login page: they go home instead. */
export const signedOutGuard: CanActivateFn = async () => {
  const store = inject(AuthStore);
  const router = inject(Router);
  const { homePath } = inject(AUTH_CONFIG);
  await store.settled();
  return store.status() === 'signed-in' ? router.createUrlTree([homePath]) : true;
};

/**
 * Lets through users whose role grants every one of `required`; others go home (or to login when signed out).
 * Screens check permissions, never role names, so roles can be re-cut without touching routes.
 */
export function permissionGuard(...required: Permission[]): CanActivateFn {
  return async (_route, state) => {
    const store = inject(AuthStore);
    const router = inject(Router);
    const { loginPath, homePath } = inject(AUTH_CONFIG);
    await store.settled();
    if (store.status() !== 'signed-in') return loginRedirect(router, loginPath, state.url);
    return required.every((permission) => store.hasPermission(permission)) ? true : router.createUrlTree([homePath]);
  };
}
