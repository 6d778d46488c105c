import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { Router } from '@angular/router';
import { RouterTestingHarness } from '@angular/router/testing';
import type { LoginResponse } from '@switchboard/shared/contracts';
import { SOFTPHONE_CLIENT } from '@switchboard/telephony/sip-angular';
import { AGENT_SOCKET_FACTORY } from '@switchboard/agent/feature-console';
import { FakeAgentSocket, FakeSoftphoneClient } from '@switchboard/agent/feature-console/testing';
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
const sipRegistration = {
  extension: '1001',
  authorizationUser: '1001',
  domain: 'sb.test',
  realm: 'sb.test',
  uri: 'sip:1001@sb.test',
  wsUrl: 'ws://127.0.0.1:15066',
  pbx: 'freeswitch',
  displayName: 'Ana Agent',
  ha1: 'a'.repeat(32),
  expiresAt: '2025-01-01T12:00:00.000Z',
};
const agentStatus = {
  agentId: 'a-1',
  agentName: 'Ana Agent',
  extensionNumber: '1001',
  status: 'AVAILABLE',
  reasonCode: null,
  since: '2025-01-01T00:00:00.000Z',
  state: 'WAITING',
  activity: 'IDLE',
  wrapUp: null,
  next: null,
};
// The first test loads the lazy desk route, which compiles the whole console under ts-jest: seconds on a busy machine.
jest.setTimeout(30_000);

const macrotask = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));

/** A page load of the agent console; `session` is what the refresh cookie restores (null: nothing). */
async function loadConsole(session: LoginResponse | null) {
  const phone = new FakeSoftphoneClient();
  TestBed.configureTestingModule({
    providers: [
      ...appConfig.providers,
      provideHttpClientTesting(),
      { provide: SOFTPHONE_CLIENT, useValue: phone },
      { provide: AGENT_SOCKET_FACTORY, useValue: () => new FakeAgentSocket().asSocket() },
    ],
  });
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
  return { http, harness, text, phone };
}

/** Answers the desk requests the console makes when it opens (SIP credentials, status, history). */
async function flushDesk(http: HttpTestingController, harness: RouterTestingHarness): Promise<void> {
  http.expectOne('/api/me/sip').flush(sipRegistration);
  http.expectOne('/api/me/status').flush(agentStatus);
  http.expectOne((request) => request.url === '/api/me/calls').flush({ items: [], total: 0, page: 1, pageSize: 20 });
  await macrotask();
  await harness.fixture.whenStable();
}

describe('agent console', () => {
  afterEach(() => TestBed.inject(HttpTestingController).verify());

  it("keeps the agent signed in across a reload and registers the phone with this login's credentials", async () => {
    const { text, http, harness, phone } = await loadConsole(agentSession);

    expect(text('shell-user')).toBe('Ana Agent');
    expect(text('softphone-status')).toBe('Not connected');
    await flushDesk(http, harness);

    expect(phone.account).toMatchObject({ extension: '1001', wsUrl: 'ws://127.0.0.1:15066', ha1: sipRegistration.ha1 });
    expect(text('softphone-status')).toBe('Ready for calls');
    expect(text('agent-status')).toBe('Available');
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
    await flushDesk(http, harness);
  });
});
