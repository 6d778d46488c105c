import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed, type ComponentFixture } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { APP_ROLES, type Page, type QueueDto, type Role } from '@switchboard/shared/contracts';
import { AuthStore, provideSwitchboardAuth } from '@switchboard/shared/data-access-auth';
import { QueuesPage } from '../resources/queues';

const support: QueueDto = {
  id: '6f1c1e0e-8d3b-4a64-9a59-3a8f0b7c2d11',
  name: 'support',
  displayName: 'Support',
  number: '5000',
  strategy: 'longest-idle-agent',
  mohSound: 'local_stream://moh',
  timeBaseScore: 'system',
  maxWaitTime: 0,
  maxWaitTimeWithNoAgent: 0,
  maxWaitTimeWithNoAgentTimeReached: 5,
  tierRulesApply: false,
  tierRuleWaitSecond: 300,
  tierRuleWaitMultiplyLevel: true,
  tierRuleNoAgentNoWait: false,
  discardAbandonedAfter: 60,
  abandonedResumeAllowed: false,
  serviceLevelSeconds: 20,
  createdAt: '2025-01-01T00:00:00.000Z',
  updatedAt: '2025-01-01T00:00:00.000Z',
};
const onePage = (items: QueueDto[]): Page<QueueDto> => ({ items, total: items.length, page: 1, pageSize: 25 });
const macrotask = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));

async function settle(fixture: ComponentFixture<unknown>): Promise<void> {
  await macrotask();
  fixture.detectChanges();
  await macrotask();
  fixture.detectChanges();
}

/** The queues screen as a user of `role` sees it with `support` listed. */
async function openQueues(role: Role) {
  TestBed.configureTestingModule({
    providers: [
      provideRouter([]),
      provideSwitchboardAuth({ appRoles: APP_ROLES.supervisorDashboard, appName: 'supervisor dashboard' }),
      provideHttpClientTesting(),
    ],
  });
  const http = TestBed.inject(HttpTestingController);
  http.expectOne('/api/auth/refresh').flush({
    accessToken: 'token',
    tokenType: 'Bearer',
    expiresIn: 900,
    user: {
      id: 'u1',
      email: 'robin@example.test',
      displayName: 'Robin',
      role,
      disabled: false,
      lastLoginAt: null,
      createdAt: '2025-01-01T00:00:00.000Z',
      updatedAt: '2025-01-01T00:00:00.000Z',
    },
  });
  await TestBed.inject(AuthStore).settled();
  const fixture = TestBed.createComponent(QueuesPage);
  fixture.detectChanges();
  http.expectOne((request) => request.url === '/api/queues').flush(onePage([support]));
  await settle(fixture);
  const element = fixture.nativeElement as HTMLElement;
  const byTestId = <T extends HTMLElement>(id: string): T | null => element.querySelector<T>(`[data-testid="${id}"]`);
  const click = async (id: string): Promise<void> => {
    const button = byTestId<HTMLButtonElement>(id);
    if (!button) throw new Error(`no ${id}`);
    button.click();
    await settle(fixture);
  };
  const type = (id: string, value: string): void => {
    const field = byTestId<HTMLInputElement>(id);
    if (!field) throw new Error(`no field ${id}`);
    field.value = value;
    field.dispatchEvent(new Event('input', { bubbles: true }));
  };
  return { fixture, http, element, byTestId, click, type };
}

describe('queues admin screen', () => {
  afterEach(() => TestBed.inject(HttpTestingController).verify());

  it('shows what the API schema refuses beside the field, without sending anything', async () => {
    const page = await openQueues('ADMIN');
    await page.click('new-record-button');
    page.type('field-name', 'Sales Team');
    page.type('field-displayName', 'Sales');
    page.type('field-serviceLevelSeconds', '0');
    await page.click('form-submit');

    expect(page.byTestId('field-error-name')?.textContent).toContain('lower-case letters');
    expect(page.byTestId('field-error-serviceLevelSeconds')?.textContent).toContain('between 1 and 3600');
    expect(page.byTestId('field-name')?.getAttribute('aria-invalid')).toBe('true');
    page.http.expectNone('/api/queues');
  });

  it('puts the server’s field details beside the field it names', async () => {
    const page = await openQueues('ADMIN');
    await page.click('new-record-button');
    page.type('field-name', 'support');
    page.type('field-displayName', 'Support again');
    await page.click('form-submit');

    const create = page.http.expectOne({ method: 'POST', url: '/api/queues' });
    expect(create.request.body).toMatchObject({
      name: 'support',
      displayName: 'Support again',
      serviceLevelSeconds: 20,
    });
    create.flush(
      {
        statusCode: 409,
        error: 'Conflict',
        message: 'A queue named support exists',
        details: [{ path: 'name', message: 'is taken by another queue' }],
      },
      { status: 409, statusText: 'Conflict' },
    );
    await settle(page.fixture);

    expect(page.byTestId('field-error-name')?.textContent?.trim()).toBe('is taken by another queue');
    expect(page.byTestId('form-problem')).toBeNull();
  });

  it('says whether FreeSWITCH took a new queue, and lists it', async () => {
    const page = await openQueues('ADMIN');
    await page.click('new-record-button');
    page.type('field-name', 'sales');
    page.type('field-displayName', 'Sales');
    await page.click('form-submit');

    const sales = { ...support, id: '0b1d7f8e-2c3a-4f5b-8e9d-1a2b3c4d5e6f', name: 'sales', displayName: 'Sales' };
    page.http
      .expectOne({ method: 'POST', url: '/api/queues' })
      .flush({ ...sales, pbxSync: { status: 'pending', message: 'no ESL connection' } });
    await settle(page.fixture);
    page.http.expectOne((request) => request.url === '/api/queues').flush(onePage([sales, support]));
    await settle(page.fixture);

    expect(page.byTestId('save-notice')?.textContent).toContain('Created queue sales.');
    expect(page.byTestId('pbx-sync')?.getAttribute('data-status')).toBe('pending');
    const row = page.element.querySelector('[data-testid="resource-row"][data-label="sales"]');
    expect(row?.querySelector('[data-testid="row-sync"]')?.textContent?.trim()).toBe('Pending');
  });

  it('sends only the fields an edit changed, and never the queue name', async () => {
    const page = await openQueues('ADMIN');
    await page.click('row-edit');
    expect(page.byTestId('field-name')).toBeNull();
    page.type('field-maxWaitTime', '120');
    await page.click('form-submit');

    const update = page.http.expectOne({ method: 'PATCH', url: `/api/queues/${support.id}` });
    expect(update.request.body).toEqual({ maxWaitTime: 120 });
    update.flush({ ...support, maxWaitTime: 120, pbxSync: { status: 'applied', message: '+OK' } });
    await settle(page.fixture);
    page.http.expectOne((request) => request.url === '/api/queues').flush(onePage([{ ...support, maxWaitTime: 120 }]));
    await settle(page.fixture);
    expect(page.byTestId('pbx-sync')?.textContent).toContain('FreeSWITCH applied the change.');
  });

  it('deletes only after a second click', async () => {
    const page = await openQueues('ADMIN');
    await page.click('row-delete');
    page.http.expectNone({ method: 'DELETE' });
    await page.click('row-confirm-delete');

    page.http
      .expectOne({ method: 'DELETE', url: `/api/queues/${support.id}` })
      .flush({ id: support.id, deletedTiers: 2, pbxSync: { status: 'applied', message: '+OK' } });
    await settle(page.fixture);
    page.http.expectOne((request) => request.url === '/api/queues').flush(onePage([]));
    await settle(page.fixture);
    expect(page.byTestId('save-notice')?.textContent).toContain('Deleted queue support and 2 tier(s).');
  });

  it('is read-only for a supervisor', async () => {
    const page = await openQueues('SUPERVISOR');
    expect(page.element.querySelectorAll('[data-testid="resource-row"]')).toHaveLength(1);
    expect(page.byTestId('new-record-button')).toBeNull();
    expect(page.byTestId('row-edit')).toBeNull();
  });
});
