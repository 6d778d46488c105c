import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { Router } from '@angular/router';
import { RouterTestingHarness } from '@angular/router/testing';
import type { LoginResponse, Role } from '@switchboard/shared/contracts';
import { appConfig } from './app.config';

function sessionOf(role: Role): LoginResponse {
  return {
    accessToken: `${role}-token`,
    tokenType: 'Bearer',
    expiresIn: 900,
    user: {
      id: `u-${role}`,
      email: `${role.toLowerCase()}@example.test`,
      displayName: `Robin ${role}`,
      role,
      disabled: false,
      lastLoginAt: null,
      createdAt: '2025-01-01T00:00:00.000Z',
      updatedAt: '2025-01-01T00:00:00.000Z',
    },
  };
}
const macrotask = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));

/** A page load of the dashboard at `url`; `session` is what the refresh cookie restores (null: nothing). */
async function loadDashboard(session: LoginResponse | null, url = '/') {
  TestBed.configureTestingModule({ providers: [...appConfig.providers, provideHttpClientTesting()] });
  const http = TestBed.inject(HttpTestingController);
  const refresh = http.expectOne('/api/auth/refresh');
  if (session) refresh.flush(session);
  else
    refresh.flush(
      { statusCode: 401, error: 'Unauthenticated', message: 'No session' },
      { status: 401, statusText: 'Unauthorized' },
    );
  const harness = await RouterTestingHarness.create(url);
  return { http, harness, root: harness.fixture.nativeElement as HTMLElement, router: TestBed.inject(Router) };
}

describe('supervisor dashboard', () => {
  afterEach(() => TestBed.inject(HttpTestingController).verify());

  it('turns an agent away with a clear message and keeps no session', async () => {
    const { http, harness, root, router } = await loadDashboard(null);
    const field = (id: string) => root.querySelector<HTMLInputElement>(`[data-testid="${id}"]`);
    const email = field('login-email');
    const password = field('login-password');
    if (!email || !password) throw new Error('login fields missing');
    email.value = 'agent@example.test';
    password.value = 'correct horse battery';

    root.querySelector<HTMLButtonElement>('[data-testid="login-submit"]')?.click();
    http.expectOne('/api/auth/login').flush(sessionOf('AGENT'));
    await macrotask();
    http.expectOne('/api/auth/logout').flush(null, { status: 204, statusText: 'No Content' });
    await macrotask();
    await harness.fixture.whenStable();

    expect(root.querySelector('[data-testid="login-error"]')?.textContent?.trim()).toBe(
      'This account cannot use the supervisor dashboard.',
    );
    expect(router.url).toBe('/login');
  });

  it('shows an admin the Users link and opens the users screen from a deep link', async () => {
    const { http, harness, root, router } = await loadDashboard(sessionOf('ADMIN'), '/admin/users');
    await macrotask();
    http
      .expectOne((request) => request.url === '/api/users')
      .flush({ items: [sessionOf('AGENT').user], total: 1, page: 1, pageSize: 25 });
    await macrotask();
    await harness.fixture.whenStable();

    expect(router.url).toBe('/admin/users');
    const navLabels = Array.from(root.querySelectorAll('nav[aria-label="Main"] a'), (link) => link.textContent?.trim());
    expect(navLabels).toEqual([
      'Live floor',
      'Reports',
      'Calls',
      'Users',
      'Extensions',
      'Agents',
      'Queues',
      'Tiers',
      'Call buttons',
    ]);
    expect(root.querySelector('[data-testid="shell-user"]')?.textContent?.trim()).toBe('Robin ADMIN');
    expect(root.querySelectorAll('[data-testid="user-row"]')).toHaveLength(1);
  });
});
