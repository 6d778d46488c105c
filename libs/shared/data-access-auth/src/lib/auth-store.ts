import { HttpClient, HttpErrorResponse, HttpHeaders } from '@angular/common/http';
import { DestroyRef, Injectable, computed, inject, signal } from '@angular/core';
import { Router } from '@angular/router';
import { type LoginResponse, type Permission, ROLE_PERMISSIONS, type UserDto } from '@switchboard/shared/contracts';
import { firstValueFrom } from 'rxjs';
import { apiErrorOf, describeApiError, httpStatusOf } from './api-errors';
import { AUTH_CONFIG, AUTH_URLS } from './auth-config';
import { withRefreshLock } from './refresh-lock';

/**
 * Where the session stands:
 * `restoring` (asking the API for a new access token on page load) → `signed-in` | `signed-out`.
 */
export type AuthStatus = 'restoring' | 'signed-out' | 'signed-in';

/** Outcome of {@link AuthStore.login}: the user, or a sentence to show on the login page. */
export type LoginResult = { ok: true; user: UserDto } | { ok: false; message: string };

/** Outcome of one refresh request: a new session, a refusal (no live session), or no answer at all. */
type RefreshOutcome = { kind: 'renewed'; response: LoginResponse } | { kind: 'refused' } | { kind: 'unreachable' };

/** How long before expiry the access token is renewed, at most; short tokens renew at 75% of their life. */
const RENEW_LEAD_MS = 60_000;
/** Retry delay of a silent renewal that could not reach the server, while the current token is still good. */
const UNREACHABLE_RETRY_MS = 10_000;
/** How long a sign-in keeps retrying while the server answers `ServerBusy` (a floor signing in at once). */
const BUSY_RETRY_BUDGET_MS = 60_000;

/**
 * Milliseconds to wait before retrying a sign-in the server refused only because it was busy with others (429
 * `ServerBusy`, after its `Retry-After`); undefined for any other failure, which the user must see (a limit the
 * user's own failures reached is not retried: it would only add failures).
 */
function busyRetryMs(error: unknown): number | undefined {
  if (apiErrorOf(error)?.error !== 'ServerBusy' || !(error instanceof HttpErrorResponse)) return undefined;
  const seconds = Number(error.headers.get('Retry-After'));
  return Number.isFinite(seconds) && seconds > 0 ? seconds * 1000 : 1000;
}

/**
 * The signed-in user and their access token, for one browser tab. The access token lives in memory only; the
 * refresh token is an httpOnly cookie the browser sends to `/api/auth`, so a reload restores the session through
 * {@link restoreSession} and nothing readable by scripts survives in storage.
 */
@Injectable({ providedIn: 'root' })
export class AuthStore {
  private readonly http = inject(HttpClient);
  private readonly router = inject(Router);
  private readonly config = inject(AUTH_CONFIG);

  private readonly currentUser = signal<UserDto | null>(null);
  private readonly currentStatus = signal<AuthStatus>('signed-out');
  private readonly currentToken = signal<string | null>(null);
  private expiresAt = 0;
  private renewTimer: ReturnType<typeof setTimeout> | undefined;
  private restoration: Promise<void> | null = null;
  private inflightRefresh: Promise<string | null> | null = null;

  /** The signed-in user, or null. */
  readonly user = this.currentUser.asReadonly();
  /** Where the session stands. */
  readonly status = this.currentStatus.asReadonly();
  /** The access token for `Authorization: Bearer`, or null when signed out. */
  readonly accessToken = this.currentToken.asReadonly();
  /** What the signed-in user's role may do (the same table the API checks). */
  readonly permissions = computed<readonly Permission[]>(() => {
    const user = this.currentUser();
    return user ? ROLE_PERMISSIONS[user.role] : [];
  });

  constructor() {
    inject(DestroyRef).onDestroy(() => clearTimeout(this.renewTimer));
  }

  /** Whether the signed-in user may do something. Reactive when read in a template or `computed`. */
  hasPermission(permission: Permission): boolean {
    return this.permissions().includes(permission);
  }

  /**
   * Signs in with email and password. A role this app does not admit gets no session: the one the API just opened
   * is revoked at once.
   */
  async login(email: string, password: string): Promise<LoginResult> {
    let response: LoginResponse;
    const deadline = Date.now() + BUSY_RETRY_BUDGET_MS;
    for (;;) {
      try {
        response = await firstValueFrom(this.http.post<LoginResponse>(AUTH_URLS.login, { email, password }));
        break;
      } catch (error) {
        // Expected: 401 wrong credentials, 403 disabled account, 429 throttled or busy, 400 malformed, 0 offline.
        const wait = busyRetryMs(error);
        if (wait === undefined || Date.now() + wait > deadline)
          return { ok: false, message: describeApiError(error, 'Sign-in failed. Please try again.') };
        await new Promise((resolve) => setTimeout(resolve, wait));
      }
    }
    if (!this.admits(response)) {
      await this.revoke(response.accessToken);
      return { ok: false, message: `This account cannot use the ${this.config.appName}.` };
    }
    this.startSession(response);
    return { ok: true, user: response.user };
  }

  /** Ends the session on the server and here, then goes to the login page. */
  async logout(): Promise<void> {
    const token = this.currentToken();
    if (token) await this.revoke(token);
    this.endSession();
    await this.router.navigateByUrl(this.config.loginPath);
  }

  /** Picks up the session kept in the refresh cookie, so a reload does not sign the user out. Run once at start. */
  restoreSession(): Promise<void> {
    this.restoration ??= this.restore();
    return this.restoration;
  }

  /** Resolves once a session restore in progress is over, so guards judge the final state. */
  async settled(): Promise<void> {
    if (this.currentStatus() === 'restoring') await this.restoration;
  }

  /**
   * A new access token from the refresh cookie. Concurrent callers share one request. When the session is gone the
   * user is signed out and sent to the login page, and this resolves to null (as it does, keeping the session and
   * retrying shortly, when the server cannot be reached while the current token is still valid).
   */
  refreshAccessToken(): Promise<string | null> {
    this.inflightRefresh ??= this.renew().finally(() => (this.inflightRefresh = null));
    return this.inflightRefresh;
  }

  /** Drops the session here (the API refused it) and goes to the login page, remembering where the user was. */
  async sessionExpired(): Promise<void> {
    this.endSession();
    const returnUrl = this.router.url;
    if (returnUrl.startsWith(this.config.loginPath)) return;
    const queryParams = returnUrl && returnUrl !== '/' ? { returnUrl } : {};
    await this.router.navigate([this.config.loginPath], { queryParams });
  }

  private async restore(): Promise<void> {
    this.currentStatus.set('restoring');
    const outcome = await this.requestRefresh();
    // A session of a role this app does not admit is left alone: it may belong to the user's other app.
    if (outcome.kind === 'renewed' && this.admits(outcome.response)) this.startSession(outcome.response);
    else this.endSession();
  }

  private async renew(): Promise<string | null> {
    const outcome = await this.requestRefresh();
    if (outcome.kind === 'renewed' && this.admits(outcome.response)) {
      this.startSession(outcome.response);
      return outcome.response.accessToken;
    }
    if (outcome.kind === 'unreachable' && Date.now() + UNREACHABLE_RETRY_MS < this.expiresAt) {
      // A network blip must not sign out an agent mid-call while the current token still works.
      this.scheduleRenewal(UNREACHABLE_RETRY_MS);
      return null;
    }
    await this.sessionExpired();
    return null;
  }

  private async requestRefresh(): Promise<RefreshOutcome> {
    try {
      const response = await withRefreshLock(() =>
        firstValueFrom(this.http.post<LoginResponse>(AUTH_URLS.refresh, null)),
      );
      return { kind: 'renewed', response };
    } catch (error) {
      // Expected: 401/403 when there is no live session, status 0 when the server cannot be reached.
      return httpStatusOf(error) === 0 ? { kind: 'unreachable' } : { kind: 'refused' };
    }
  }

  private async revoke(accessToken: string): Promise<void> {
    try {
      const headers = new HttpHeaders({ Authorization: `Bearer ${accessToken}` });
      await firstValueFrom(this.http.post<void>(AUTH_URLS.logout, null, { headers }));
    } catch {
      // Expected when the session already ended or the server is down; signing out here must still succeed.
    }
  }

  private admits(response: LoginResponse): boolean {
    return this.config.appRoles.includes(response.user.role);
  }

  private startSession(response: LoginResponse): void {
    this.currentUser.set(response.user);
    this.currentToken.set(response.accessToken);
    this.currentStatus.set('signed-in');
    this.expiresAt = Date.now() + response.expiresIn * 1000;
    const lifetimeMs = response.expiresIn * 1000;
    this.scheduleRenewal(Math.max(lifetimeMs - RENEW_LEAD_MS, lifetimeMs * 0.75));
  }

  private endSession(): void {
    clearTimeout(this.renewTimer);
    this.currentUser.set(null);
    this.currentToken.set(null);
    this.currentStatus.set('signed-out');
  }

  private scheduleRenewal(delayMs: number): void {
    clearTimeout(this.renewTimer);
    this.renewTimer = setTimeout(() => void this.refreshAccessToken(), delayMs);
  }
}
