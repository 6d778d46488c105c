import { provideHttpClientTesting, HttpTestingController } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { Router, provideRouter } from '@angular/router';
import { APP_ROLES, type LoginResponse, type Role, type UserDto } from '@switchboard/shared/contracts';
import { AuthStore } from './auth-store';
import { provideSwitchboardAuth } from './provide-switchboard-auth';

function userWith(role: Role): UserDto {
  return {
    id: `id-${role}`,
    email: `${role.toLowerCase()}@example.test`,
    displayName: `Dana ${role}`,
    role,
    disabled: false,
    lastLoginAt: null,
    createdAt: '2025-01-01T00:00:00.000Z',
    updatedAt: '2025-01-01T00:00:00.000Z',
  };
}

function session(role: Role, accessToken = `token-${role}`, expiresIn = 900): LoginResponse {
  return { accessToken, tokenType: 'Bearer', expiresIn, user: userWith(role) };
}

/** Lets pending promise continuations run (the store chains several awaits between requests). */
const macrotask = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));

const unauthorized = { status: 401, statusText: 'Unauthorized' };

/** A fresh page load of the supervisor dashboard: the store asks for a session at start. */
function loadDashboard(): { store: AuthStore; http: HttpTestingController; router: Router } {
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
  return {
    store: TestBed.inject(AuthStore),
    http: TestBed.inject(HttpTestingController),
    router: TestBed.inject(Router),
  };
}

async function loadSignedOut(): Promise<{ store: AuthStore; http: HttpTestingController; router: Router }> {
  const page = loadDashboard();
  page.http
    .expectOne('/api/auth/refresh')
    .flush({ statusCode: 401, error: 'Unauthenticated', message: 'No session' }, unauthorized);
  await page.store.settled();
  return page;
}

describe('AuthStore', () => {
  afterEach(() => {
    TestBed.inject(HttpTestingController).verify();
    jest.useRealTimers();
  });

  it('restores the session kept in the refresh cookie when the page reloads', async () => {
    const { store, http } = loadDashboard();
    expect(store.status()).toBe('restoring');

    http.expectOne({ method: 'POST', url: '/api/auth/refresh' }).flush(session('SUPERVISOR'));
    await store.settled();

    expect(store.status()).toBe('signed-in');
    expect(store.user()?.displayName).toBe('Dana SUPERVISOR');
    expect(store.accessToken()).toBe('token-SUPERVISOR');
  });

  it('starts signed out when there is no session to restore', async () => {
    const { store } = await loadSignedOut();

    expect(store.status()).toBe('signed-out');
    expect(store.user()).toBeNull();
  });

  it('signs in and exposes the role’s permissions', async () => {
    const { store, http } = await loadSignedOut();

    const result = store.login('supervisor@example.test', 'correct horse battery');
    const request = http.expectOne('/api/auth/login');
    expect(request.request.method).toBe('POST');
    expect(request.request.body).toEqual({ email: 'supervisor@example.test', password: 'correct horse battery' });
    request.flush(session('SUPERVISOR'));

    await expect(result).resolves.toMatchObject({ ok: true });
    expect(store.status()).toBe('signed-in');
    expect(store.hasPermission('users:read')).toBe(true);
    expect(store.hasPermission('users:manage')).toBe(false);
  });

  it('reports the API’s message for a wrong password and stays signed out', async () => {
    const { store, http } = await loadSignedOut();

    const result = store.login('supervisor@example.test', 'wrong');
    http
      .expectOne('/api/auth/login')
      .flush(
        { statusCode: 401, error: 'InvalidCredentials', message: 'Email or password is incorrect.' },
        unauthorized,
      );

    await expect(result).resolves.toEqual({ ok: false, message: 'Email or password is incorrect.' });
    expect(store.status()).toBe('signed-out');
    expect(store.accessToken()).toBeNull();
  });

  it('retries by itself after Retry-After while the server is busy with other sign-ins, but not past a limit', async () => {
    jest.useFakeTimers({ doNotFake: ['queueMicrotask', 'nextTick'] });
    const { store, http } = await loadSignedOut();
    const busy = { statusCode: 429, error: 'ServerBusy', message: 'The server is busy checking other sign-ins.' };
    const tooMany = { status: 429, statusText: 'Too Many Requests', headers: { 'Retry-After': '2' } };

    const result = store.login('supervisor@example.test', 'correct horse battery');
    http.expectOne('/api/auth/login').flush(busy, tooMany);
    await jest.advanceTimersByTimeAsync(1_900);
    http.expectNone('/api/auth/login');
    await jest.advanceTimersByTimeAsync(200);
    http.expectOne('/api/auth/login').flush(session('SUPERVISOR'));
    await expect(result).resolves.toMatchObject({ ok: true });

    // A limit reached by the user's own failures is shown, not retried.
    const limited = store.login('supervisor@example.test', 'wrong');
    http
      .expectOne('/api/auth/login')
      .flush({ statusCode: 429, error: 'TooManyRequests', message: 'Too many failed sign-ins.' }, tooMany);
    await expect(limited).resolves.toEqual({ ok: false, message: 'Too many failed sign-ins.' });
  });

  it('says so when the server cannot be reached', async () => {
    const { store, http } = await loadSignedOut();

    const result = store.login('supervisor@example.test', 'secret');
    http.expectOne('/api/auth/login').error(new ProgressEvent('error'), { status: 0, statusText: 'Unknown Error' });

    await expect(result).resolves.toEqual({ ok: false, message: expect.stringContaining('Cannot reach the server') });
  });

  it('refuses a role this app does not admit and revokes the session the API opened', async () => {
    const { store, http } = await loadSignedOut();

    const result = store.login('agent@example.test', 'correct horse battery');
    http.expectOne('/api/auth/login').flush(session('AGENT', 'agent-token'));
    await macrotask();
    const logout = http.expectOne('/api/auth/logout');
    expect(logout.request.headers.get('Authorization')).toBe('Bearer agent-token');
    logout.flush(null, { status: 204, statusText: 'No Content' });

    await expect(result).resolves.toEqual({ ok: false, message: 'This account cannot use the supervisor dashboard.' });
    expect(store.status()).toBe('signed-out');
    expect(store.user()).toBeNull();
    expect(store.accessToken()).toBeNull();
  });

  it('signs out on the server, forgets the user and goes to the login page', async () => {
    const { store, http, router } = loadDashboard();
    http.expectOne('/api/auth/refresh').flush(session('ADMIN', 'admin-token'));
    await store.settled();

    const done = store.logout();
    const logout = http.expectOne('/api/auth/logout');
    expect(logout.request.headers.get('Authorization')).toBe('Bearer admin-token');
    logout.flush(null, { status: 204, statusText: 'No Content' });
    await done;

    expect(store.status()).toBe('signed-out');
    expect(store.hasPermission('users:read')).toBe(false);
    expect(router.url).toBe('/login');
  });

  it('renews the access token silently before it expires', async () => {
    jest.useFakeTimers({ doNotFake: ['queueMicrotask', 'nextTick'] });
    const { store, http } = loadDashboard();
    http.expectOne('/api/auth/refresh').flush(session('SUPERVISOR', 'first', 120));
    await store.settled();

    jest.advanceTimersByTime(60_000);
    http.expectNone('/api/auth/refresh');
    jest.advanceTimersByTime(30_000);
    http.expectOne('/api/auth/refresh').flush(session('SUPERVISOR', 'second', 120));
    // The renewal under way is shared with any other caller, so awaiting one awaits it.
    await store.refreshAccessToken();

    expect(store.accessToken()).toBe('second');
    expect(store.status()).toBe('signed-in');
  });
});
