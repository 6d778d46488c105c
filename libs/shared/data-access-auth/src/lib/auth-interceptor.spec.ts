import { HttpClient, HttpErrorResponse } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { Router, provideRouter } from '@angular/router';
import { APP_ROLES, type LoginResponse } from '@switchboard/shared/contracts';
import { firstValueFrom } from 'rxjs';
import { AuthStore } from './auth-store';
import { provideSwitchboardAuth } from './provide-switchboard-auth';

function session(accessToken: string): LoginResponse {
  return {
    accessToken,
    tokenType: 'Bearer',
    expiresIn: 900,
    user: {
      id: 'u1',
      email: 'sam@example.test',
      displayName: 'Sam Supervisor',
      role: 'SUPERVISOR',
      disabled: false,
      lastLoginAt: null,
      createdAt: '2025-01-01T00:00:00.000Z',
      updatedAt: '2025-01-01T00:00:00.000Z',
    },
  };
}

const expired = { statusCode: 401, error: 'Unauthenticated', message: 'The access token is invalid or expired.' };
const unauthorized = { status: 401, statusText: 'Unauthorized' };
const macrotask = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));

/** The dashboard, signed in with `first-token`, showing the users page. */
async function signedInOnUsersPage(): Promise<{
  http: HttpTestingController;
  client: HttpClient;
  store: AuthStore;
  router: Router;
}> {
  TestBed.configureTestingModule({
    providers: [
      provideRouter([
        { path: 'login', children: [] },
        { path: '**', children: [] },
      ]),
      provideSwitchboardAuth({ appRoles: APP_ROLES.supervisorDashboard, appName: 'supervisor dashboard' }),
      provideHttpClientTesting(),
    ],
  });
  const http = TestBed.inject(HttpTestingController);
  const store = TestBed.inject(AuthStore);
  http.expectOne('/api/auth/refresh').flush(session('first-token'));
  await store.settled();
  const router = TestBed.inject(Router);
  await router.navigateByUrl('/admin/users');
  return { http, client: TestBed.inject(HttpClient), store, router };
}

describe('authInterceptor', () => {
  afterEach(() => TestBed.inject(HttpTestingController).verify());

  it('sends the access token to the API and nowhere else', async () => {
    const { http, client } = await signedInOnUsersPage();

    void firstValueFrom(client.get('/api/users'));
    void firstValueFrom(client.get('https://cdn.example.test/logo.svg'));

    expect(http.expectOne('/api/users').request.headers.get('Authorization')).toBe('Bearer first-token');
    expect(http.expectOne('https://cdn.example.test/logo.svg').request.headers.has('Authorization')).toBe(false);
  });

  it('refreshes an expired token once and retries the request with the new one', async () => {
    const { http, client, store } = await signedInOnUsersPage();

    const users = firstValueFrom(client.get<{ total: number }>('/api/users'));
    http.expectOne('/api/users').flush(expired, unauthorized);
    http.expectOne('/api/auth/refresh').flush(session('second-token'));
    await macrotask();
    const retry = http.expectOne('/api/users');
    expect(retry.request.headers.get('Authorization')).toBe('Bearer second-token');
    retry.flush({ total: 3 });

    await expect(users).resolves.toEqual({ total: 3 });
    expect(store.status()).toBe('signed-in');
  });

  it('shares one refresh among requests that fail together', async () => {
    const { http, client } = await signedInOnUsersPage();

    const first = firstValueFrom(client.get('/api/users?page=1'));
    const second = firstValueFrom(client.get('/api/users?page=2'));
    http.expectOne('/api/users?page=1').flush(expired, unauthorized);
    http.expectOne('/api/users?page=2').flush(expired, unauthorized);
    http.expectOne('/api/auth/refresh').flush(session('second-token'));
    await macrotask();
    for (const retry of http.match((request) => request.url.startsWith('/api/users'))) {
      expect(retry.request.headers.get('Authorization')).toBe('Bearer second-token');
      retry.flush({ ok: true });
    }

    await expect(Promise.all([first, second])).resolves.toEqual([{ ok: true }, { ok: true }]);
  });

  it('signs out and goes to the login page when the retry is refused too', async () => {
    const { http, client, store, router } = await signedInOnUsersPage();

    const users = firstValueFrom(client.get('/api/users'));
    http.expectOne('/api/users').flush(expired, unauthorized);
    http.expectOne('/api/auth/refresh').flush(session('second-token'));
    await macrotask();
    http.expectOne('/api/users').flush(expired, unauthorized);

    await expect(users).rejects.toBeInstanceOf(HttpErrorResponse);
    await macrotask();
    expect(store.status()).toBe('signed-out');
    expect(store.accessToken()).toBeNull();
    expect(router.url).toBe('/login?returnUrl=%2Fadmin%2Fusers');
  });

  it('signs out without retrying when the session cannot be refreshed', async () => {
    const { http, client, store, router } = await signedInOnUsersPage();

    const users = firstValueFrom(client.get('/api/users'));
    http.expectOne('/api/users').flush(expired, unauthorized);
    http
      .expectOne('/api/auth/refresh')
      .flush({ ...expired, message: 'Your session has ended: sign in again.' }, unauthorized);

    await expect(users).rejects.toMatchObject({ status: 401 });
    await macrotask();
    http.expectNone('/api/users');
    expect(store.status()).toBe('signed-out');
    expect(router.url.startsWith('/login')).toBe(true);
  });
});
