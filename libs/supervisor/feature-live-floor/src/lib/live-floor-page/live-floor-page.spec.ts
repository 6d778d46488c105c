import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed, type ComponentFixture } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import {
  APP_ROLES,
  type AgentPhoneHealth,
  type LiveChannel,
  type SupervisorSnapshot,
} from '@switchboard/shared/contracts';
import { AuthStore, provideSwitchboardAuth } from '@switchboard/shared/data-access-auth';
import { LIVE_SOCKET_FACTORY } from '@switchboard/supervisor/data-access-live';
import { fakeLiveSocketFactory, flushDirectoryNames } from '@switchboard/supervisor/data-access-live/testing';
import { LiveFloorPage } from './live-floor-page';

const CALLER = 'a1b2c3d4-0000-4000-8000-000000000001';
const callerLeg: LiveChannel = {
  uuid: CALLER,
  callUuid: CALLER,
  node: 'fs1',
  direction: 'INBOUND',
  callerNumber: '+15550100',
  callerName: null,
  destination: '9200',
  state: 'answered',
  createdAt: '2025-03-04T09:00:00.000Z',
  answeredAt: '2025-03-04T09:00:10.000Z',
  bridgedTo: null,
  queue: 'support@default',
  agent: 'agent1001@default',
};
const snapshot: SupervisorSnapshot = {
  at: '2025-03-04T09:01:00.000Z',
  seq: 3,
  channels: [callerLeg],
  agents: [
    {
      name: 'agent1001@default',
      status: 'Available',
      state: 'In a queue call',
      statusSince: '2025-03-04T08:00:00.000Z',
      stateSince: '2025-03-04T09:00:10.000Z',
      callUuid: CALLER,
    },
  ],
  queues: [],
  queueStats: [
    {
      queue: 'support@default',
      waiting: 2,
      longestWaitSince: '2025-03-04T09:00:30.000Z',
      agents: { staffed: 1, available: 0, onCall: 1, afterCallWork: 0, onBreak: 0 },
      today: null,
      at: '2025-03-04T09:01:00.000Z',
    },
  ],
  registrations: [],
  nodes: [{ node: 'demo-simulator', connected: true }],
  phoneHealth: [
    {
      agent: 'agent1001@default',
      registration: 'registered',
      mos: 4.3,
      rttMs: 40,
      jitterMs: 3,
      packetLossPct: 0,
      reportedAt: '2025-03-04T09:00:55.000Z',
    },
  ],
};
const macrotask = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));

async function settle(fixture: ComponentFixture<unknown>): Promise<void> {
  await macrotask();
  fixture.detectChanges();
  await macrotask();
  fixture.detectChanges();
}

async function openFloor(shown: SupervisorSnapshot = snapshot) {
  const { factory, sockets } = fakeLiveSocketFactory();
  TestBed.configureTestingModule({
    providers: [
      provideRouter([]),
      provideSwitchboardAuth({ appRoles: APP_ROLES.supervisorDashboard, appName: 'supervisor dashboard' }),
      provideHttpClientTesting(),
      { provide: LIVE_SOCKET_FACTORY, useValue: factory },
    ],
  });
  const http = TestBed.inject(HttpTestingController);
  http.expectOne('/api/auth/refresh').flush({
    accessToken: 'token',
    tokenType: 'Bearer',
    expiresIn: 900,
    user: {
      id: 'u1',
      email: 'sam@example.test',
      displayName: 'Sam',
      role: 'SUPERVISOR',
      disabled: false,
      lastLoginAt: null,
      createdAt: '2025-01-01T00:00:00.000Z',
      updatedAt: '2025-01-01T00:00:00.000Z',
    },
  });
  await TestBed.inject(AuthStore).settled();
  const fixture = TestBed.createComponent(LiveFloorPage);
  fixture.detectChanges();
  const socket = sockets[0];
  if (!socket) throw new Error('the floor opened no socket');
  socket.acceptConnection();
  socket.serverEmit('snapshot', shown);
  await settle(fixture);
  http.expectOne('/api/reports/settings').flush({ timeZone: 'UTC' });
  await settle(fixture);
  http
    .expectOne((request) => request.url === '/api/reports/intervals')
    .flush({
      from: '2025-03-04T00:00:00.000Z',
      to: '2025-03-04T09:01:00.000Z',
      timeZone: 'UTC',
      generatedAt: '2025-03-04T09:01:00.000Z',
      interval: 'hour',
      queue: null,
      rows: [],
    });
  const element = fixture.nativeElement as HTMLElement;
  const byTestId = <T extends HTMLElement>(id: string): T | null => element.querySelector<T>(`[data-testid="${id}"]`);
  const tileName = (): string | undefined =>
    element.querySelector('[data-testid="queue-tile"] h3')?.textContent?.trim();
  // Before the queue list arrives, the tile goes by mod_callcenter's name without its domain.
  const nameBeforeList = tileName();
  const agentBeforeList = element.querySelector('[data-testid="agent-person"]')?.textContent?.trim();
  flushDirectoryNames(http);
  await settle(fixture);
  return { fixture, http, element, byTestId, socket, tileName, nameBeforeList, agentBeforeList };
}

describe('live floor page', () => {
  // jsdom has no canvas: the charts get no 2D context, as in a browser without canvas support.
  beforeEach(() => jest.spyOn(HTMLCanvasElement.prototype, 'getContext').mockReturnValue(null));
  afterEach(() => {
    TestBed.inject(HttpTestingController).verify();
    jest.restoreAllMocks();
  });

  it('draws the snapshot: a tile per queue, the agent with caller and phone health, the call', async () => {
    const floor = await openFloor();
    expect(floor.byTestId('connection-indicator')?.getAttribute('data-state')).toBe('connected');
    expect(floor.byTestId('simulated-badge')).not.toBeNull();
    expect(floor.byTestId('queue-waiting')?.textContent?.trim()).toBe('2');
    const agentRow = floor.byTestId('agent-row');
    expect(agentRow?.textContent).toContain('+15550100');
    expect(agentRow?.textContent).toContain('MOS 4.3');
    expect(floor.element.querySelectorAll('[data-testid="call-row"]')).toHaveLength(1);
  });

  it('with real FreeSWITCH beside the demo simulator, marks the simulated calls and not the real ones', async () => {
    const generated: LiveChannel = {
      ...callerLeg,
      uuid: 'a1b2c3d4-0000-4000-8000-000000000002',
      callUuid: 'a1b2c3d4-0000-4000-8000-000000000002',
      node: 'demo-simulator',
      callerNumber: '+15550111',
      agent: null,
      answeredAt: null,
      state: 'ringing',
    };
    const floor = await openFloor({
      ...snapshot,
      channels: [callerLeg, generated],
      nodes: [
        { node: '127.0.0.1:8021', connected: true },
        { node: 'demo-simulator', connected: true },
      ],
    });
    expect(floor.byTestId('simulated-badge')?.textContent?.trim()).toBe('Simulated traffic beside real calls');
    const marked = [...floor.element.querySelectorAll('[data-testid="call-row"]')].map((row) => [
      row.getAttribute('data-call'),
      row.querySelector('[data-testid="simulated-call"]') !== null,
    ]);
    expect(marked.sort()).toEqual([
      [CALLER, false],
      [generated.callUuid, true],
    ]);
  });

  it('with the simulator alone, marks no call (the badge says it all)', async () => {
    const floor = await openFloor();
    expect(floor.byTestId('simulated-badge')?.textContent?.trim()).toBe('Simulated traffic');
    expect(floor.byTestId('simulated-call')).toBeNull();
  });

  it('names each tile by the queue’s display name, not by mod_callcenter’s name', async () => {
    const floor = await openFloor();
    expect(floor.nameBeforeList).toBe('support');
    expect(floor.tileName()).toBe('Customer support');
    expect(floor.element.textContent).not.toContain('support@default');
    expect(floor.byTestId('queue-tile')?.getAttribute('aria-label')).toBe('Queue Customer support');
  });

  it('names agents by person and extension, on the grid, on their calls and in the status line', async () => {
    const floor = await openFloor();
    expect(floor.agentBeforeList).toBe('agent1001@default');
    expect(floor.byTestId('agent-person')?.textContent?.trim()).toBe('Ann Lee');
    expect(floor.byTestId('agent-extension')?.textContent?.trim()).toBe('1001');
    expect(floor.byTestId('agent-row')?.querySelector('td')?.getAttribute('title')).toBe('agent1001@default');
    expect(floor.byTestId('call-agent')?.textContent?.trim()).toBe('Ann Lee · 1001');
    expect(floor.byTestId('call-queue')?.textContent?.trim()).toBe('Customer support');
    expect(floor.byTestId('agent-logout')?.getAttribute('aria-label')).toBe('Log out Ann Lee');

    const select = floor.byTestId<HTMLSelectElement>('agent-status-select');
    if (!select) throw new Error('no status select');
    select.value = 'On Break';
    select.dispatchEvent(new Event('change'));
    floor.http
      .expectOne({ method: 'POST', url: '/api/supervision/agents/agent1001%40default/status' })
      .flush({ agent: 'agent1001@default', status: 'ON_BREAK', reasonCode: null, at: '2025-03-04T09:01:02.000Z' });
    await settle(floor.fixture);
    expect(floor.byTestId('action-outcome')?.textContent?.trim()).toBe('Set Ann Lee · 1001 to On Break.');
  });

  it('shows an agent on a direct call (not from a queue) as on that call, though mod_callcenter says Waiting', async () => {
    const direct: LiveChannel = {
      ...callerLeg,
      callerNumber: '1001',
      destination: '+15559876',
      queue: null,
      agent: null,
    };
    const waiting = snapshot.agents.map((agent) => ({ ...agent, state: 'Waiting' as const, callUuid: null }));
    const floor = await openFloor({ ...snapshot, channels: [direct], agents: waiting });
    const cell = floor.byTestId('agent-call');
    expect(cell?.textContent?.trim()).toBe('↗ +15559876');
    expect(cell?.getAttribute('title')).toBe('Direct call (not from a queue): the number called');
    expect(floor.byTestId('agent-state')?.textContent?.trim()).toBe('Waiting');
  });

  it('marks an agent whose call has no media path (the softphone reports noMedia)', async () => {
    const floor = await openFloor();
    expect(floor.byTestId('agent-phone-no-media')).toBeNull();
    floor.socket.serverEmit('agent.phoneHealth', {
      ...(snapshot.phoneHealth[0] ?? ({} as AgentPhoneHealth)),
      noMedia: true,
      reportedAt: '2025-03-04T09:01:05.000Z',
    });
    await settle(floor.fixture);
    expect(floor.byTestId('agent-phone-no-media')?.textContent?.trim()).toBe('no audio');
  });

  it('asks the API to ring the supervisor into the call to listen, and says so', async () => {
    const floor = await openFloor();
    floor.byTestId<HTMLButtonElement>('call-listen')?.click();

    const monitor = floor.http.expectOne({ method: 'POST', url: `/api/supervision/calls/${CALLER}/monitor` });
    expect(monitor.request.body).toEqual({ mode: 'listen' });
    monitor.flush({
      mode: 'listen',
      callUuid: CALLER,
      agentChannelUuid: CALLER,
      agent: 'agent1001@default',
      extension: '1100',
      node: 'fs1',
      jobUuid: 'job',
    });
    await settle(floor.fixture);
    expect(floor.byTestId('action-outcome')?.textContent).toContain('Listening to the call from +15550100');
  });

  it('forces an agent status with the API’s status code and shows a refusal', async () => {
    const floor = await openFloor();
    const select = floor.byTestId<HTMLSelectElement>('agent-status-select');
    if (!select) throw new Error('no status select');
    select.value = 'On Break';
    select.dispatchEvent(new Event('change'));

    const change = floor.http.expectOne({ method: 'POST', url: '/api/supervision/agents/agent1001%40default/status' });
    expect(change.request.body).toEqual({ status: 'ON_BREAK' });
    change.flush(
      { statusCode: 503, error: 'FreeswitchUnavailable', message: 'FreeSWITCH is not connected' },
      { status: 503, statusText: 'Service Unavailable' },
    );
    await settle(floor.fixture);
    expect(floor.byTestId('action-outcome')?.textContent?.trim()).toBe('FreeSWITCH is not connected');
    expect(select.value).toBe('Available');
  });

  it('hangs up only after confirmation', async () => {
    const floor = await openFloor();
    floor.byTestId<HTMLButtonElement>('call-hangup')?.click();
    await settle(floor.fixture);
    floor.http.expectNone({ method: 'POST' });

    floor.byTestId<HTMLButtonElement>('call-confirm-hangup')?.click();
    floor.http
      .expectOne({ method: 'POST', url: `/api/supervision/calls/${CALLER}/hangup` })
      .flush({ callUuid: CALLER, channelUuid: CALLER, node: 'fs1' });
    await settle(floor.fixture);
    expect(floor.byTestId('action-outcome')?.textContent).toContain('Hung up');
  });
});
