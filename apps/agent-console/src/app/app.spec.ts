import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { Router } from '@angular/router';
import { RouterTestingHarness } from '@angular/router/testing';
import type { LoginResponse } from '@switchboard/shared/contracts';
import { appConfig } from './app.config';

const agentSession: LoginResponse = {
  accessToken: 'agent-token',
  tokenType: 'Bearer',
  expiresIn: 900,
  user: {
    id: 'u-1',
    email: 'ana@example.test',
    displayName: 'Ana Agent',
    role: 'AGENT',
    disabled: false,
    lastLoginAt: null,
    createdAt: '2025-01-01T00:00:00.000Z',
    updatedAt: '2025-01-01T00:00:00.000Z',
  },
};
const macrotask = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));

/** A page load of the agent console; `session` is what the refresh cookie restores (null: nothing). */
async function loadConsole(session: LoginResponse | null) {
  TestBed.configureTestingModule({ providers: [...appConfig.providers, provideHttpClientTesting()] });
  const http = TestBed.inject(HttpTestingController);
  const refresh = http.expectOne('/api/auth/refresh');
  if (session) refresh.flush(session);
  else
    refresh.flush(
      { statusCode: 401, error: 'Unauthenticated', message: 'No session' },
      { status: 401, statusText: 'Unauthorized' },
    );
  const harness = await RouterTestingHarness.create('/');
  const text = (testId: string): string | undefined =>
    (harness.routeNativeElement?.ownerDocument ?? document)
      .querySelector(`[data-testid="${testId}"]`)
      ?.textContent?.trim();
  return { http, harness, text };
}

describe('agent console', () => {
  afterEach(() => TestBed.inject(HttpTestingController).verify());

  it('keeps the agent signed in across a reload and shows the phone as not connected', async () => {
    const { text } = await loadConsole(agentSession);

    expect(text('shell-user')).toBe('Ana Agent');
    expect(text('home-role')).toBe('Agent');
    expect(text('softphone-status')).toBe('Not connected');
  });

  it('sends a signed-out visitor to the login page and signs them in', async () => {
    const { http, harness, text } = await loadConsole(null);
    expect(TestBed.inject(Router).url).toBe('/login');
    const page = harness.routeNativeElement as HTMLElement;

    const email = page.querySelector<HTMLInputElement>('[data-testid="login-email"]');
    const password = page.querySelector<HTMLInputElement>('[data-testid="login-password"]');
    if (!email || !password) throw new Error('login fields missing');
    email.value = 'ana@example.test';
    password.value = 'correct horse battery';
    page.querySelector<HTMLButtonElement>('[data-testid="login-submit"]')?.click();
    http.expectOne('/api/auth/login').flush(agentSession);
    await macrotask();
    await harness.fixture.whenStable();

    expect(TestBed.inject(Router).url).toBe('/');
    expect(text('shell-user')).toBe('Ana Agent');
  });
});
