import { type Signal, inject, signal } from '@angular/core';
import { ActivatedRoute, Router } from '@angular/router';
import type { LoginRequest } from '@switchboard/shared/contracts';
import { AUTH_CONFIG } from './auth-config';
import { AuthStore } from './auth-store';

/** State and action of a login page, for wiring the store to a presentational login form. */
export interface LoginFlow {
  /** Whether a sign-in request is under way. */
  readonly pending: Signal<boolean>;
  /** Why the last attempt failed, as a sentence for the user; null when there is nothing to say. */
  readonly error: Signal<string | null>;
  /** Signs in and, on success, goes to the page the user was headed for (or home). */
  signIn(credentials: LoginRequest): Promise<void>;
}

/** Only paths inside this app: an open redirect through `?returnUrl=https://evil.example` is refused. */
function safeReturnUrl(candidate: string | null, homePath: string): string {
  return candidate && candidate.startsWith('/') && !candidate.startsWith('//') ? candidate : homePath;
}

/** Creates the {@link LoginFlow} of a login route. Call in an injection context (a field initializer). */
export function injectLoginFlow(): LoginFlow {
  const store = inject(AuthStore);
  const router = inject(Router);
  const route = inject(ActivatedRoute);
  const { homePath } = inject(AUTH_CONFIG);
  const pending = signal(false);
  const error = signal<string | null>(null);

  async function signIn(credentials: LoginRequest): Promise<void> {
    if (pending()) return;
    pending.set(true);
    error.set(null);
    const result = await store.login(credentials.email, credentials.password);
    pending.set(false);
    if (!result.ok) {
      error.set(result.message);
      return;
    }
    await router.navigateByUrl(safeReturnUrl(route.snapshot.queryParamMap.get('returnUrl'), homePath));
  }

  return { pending: pending.asReadonly(), error: error.asReadonly(), signIn };
}
