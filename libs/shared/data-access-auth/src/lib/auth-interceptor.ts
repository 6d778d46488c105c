import { HttpErrorResponse, type HttpInterceptorFn, type HttpRequest } from '@angular/common/http';
import { inject } from '@angular/core';
import { catchError, from, switchMap, throwError } from 'rxjs';
import { AUTH_URLS } from './auth-config';
import { AuthStore } from './auth-store';

/** Auth endpoints answer 401 as part of their job (wrong password, no session), so they never trigger a refresh. */
const isAuthEndpoint = (url: string): boolean => url.startsWith('/api/auth/');
/** Login and refresh exchange credentials of their own; a stale Bearer header has no business there. */
const isCredentialExchange = (url: string): boolean => url === AUTH_URLS.login || url === AUTH_URLS.refresh;
const isUnauthorized = (error: unknown): boolean => error instanceof HttpErrorResponse && error.status === 401;
const withBearer = <T>(request: HttpRequest<T>, token: string): HttpRequest<T> =>
  request.clone({ setHeaders: { Authorization: `Bearer ${token}` } });

/**
 * Adds `Authorization: Bearer` to requests for `/api`. When the API answers 401 (the access token expired), the
 * token is refreshed once — concurrent failures share one refresh — and the request is retried; a second 401, or a
 * failed refresh, signs the user out and sends them to the login page.
 */
export const authInterceptor: HttpInterceptorFn = (request, next) => {
  if (!request.url.startsWith('/api/') || request.headers.has('Authorization')) return next(request);
  const store = inject(AuthStore);
  const sentToken = store.accessToken();
  if (isCredentialExchange(request.url)) return next(request);
  const sent = sentToken ? withBearer(request, sentToken) : request;
  if (isAuthEndpoint(request.url)) return next(sent);

  return next(sent).pipe(
    catchError((error: unknown) => {
      if (!isUnauthorized(error)) return throwError(() => error);
      return from(tokenForRetry(store, sentToken)).pipe(
        switchMap((token) => {
          if (!token) return throwError(() => error);
          return next(withBearer(request, token)).pipe(
            catchError((retryError: unknown) => {
              if (isUnauthorized(retryError)) void store.sessionExpired();
              return throwError(() => retryError);
            }),
          );
        }),
      );
    }),
  );
};

/** The token to retry with: one another request already refreshed while this one was in flight, or a fresh one. */
function tokenForRetry(store: AuthStore, sentToken: string | null): Promise<string | null> {
  const current = store.accessToken();
  if (current && current !== sentToken) return Promise.resolve(current);
  return store.refreshAccessToken();
}
