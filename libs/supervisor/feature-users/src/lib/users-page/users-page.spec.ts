import { HttpTestingController, provideHttpClientTesting, type TestRequest } from '@angular/common/http/testing';
import { TestBed, type ComponentFixture } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { APP_ROLES, type Page, type Role, type UserDto } from '@switchboard/shared/contracts';
import { AuthStore, provideSwitchboardAuth } from '@switchboard/shared/data-access-auth';
import { UsersPage } from './users-page';

function user(id: string, email: string, displayName: string, role: Role, extra: Partial<UserDto> = {}): UserDto {
  return {
    id,
    email,
    displayName,
    role,
    disabled: false,
    lastLoginAt: null,
    createdAt: '2025-01-01T00:00:00.000Z',
    updatedAt: '2025-01-01T00:00:00.000Z',
    ...extra,
  };
}

const ada = user('u-ada', 'ada@example.test', 'Ada Admin', 'ADMIN', { lastLoginAt: '2025-03-04T09:30:00.000Z' });
const sam = user('u-sam', 'sam@example.test', 'Sam Supervisor', 'SUPERVISOR');
const alex = user('u-alex', 'alex@example.test', 'Alex Agent', 'AGENT', { disabled: true });
const firstPage: Page<UserDto> = { items: [ada, sam, alex], total: 3, page: 1, pageSize: 25 };

const macrotask = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));

/** Lets promise continuations and scheduled renders run. */
async function settle(fixture: ComponentFixture<unknown>): Promise<void> {
  await macrotask();
  fixture.detectChanges();
  await macrotask();
}

/** The users screen as `viewer` sees it after the first page loaded. */
async function openUsersPage(viewer: UserDto) {
  TestBed.configureTestingModule({
    providers: [
      provideRouter([]),
      provideSwitchboardAuth({ appRoles: APP_ROLES.supervisorDashboard, appName: 'supervisor dashboard' }),
      provideHttpClientTesting(),
    ],
  });
  const http = TestBed.inject(HttpTestingController);
  http
    .expectOne('/api/auth/refresh')
    .flush({ accessToken: 'token', tokenType: 'Bearer', expiresIn: 900, user: viewer });
  await TestBed.inject(AuthStore).settled();

  const fixture = TestBed.createComponent(UsersPage);
  fixture.detectChanges();
  const list = http.expectOne((request) => request.url === '/api/users');
  list.flush(firstPage);
  await settle(fixture);

  const element = fixture.nativeElement as HTMLElement;
  const byTestId = <T extends HTMLElement>(id: string, root: ParentNode = element): T | null =>
    root.querySelector<T>(`[data-testid="${id}"]`);
  const row = (email: string): HTMLElement => {
    const found = element.querySelector<HTMLElement>(`[data-testid="user-row"][data-email="${email}"]`);
    if (!found) throw new Error(`no row for ${email}`);
    return found;
  };
  const type = (id: string, value: string): void => {
    const field = byTestId<HTMLInputElement | HTMLSelectElement>(id);
    if (!field) throw new Error(`no field ${id}`);
    field.value = value;
    field.dispatchEvent(new Event(field instanceof HTMLSelectElement ? 'change' : 'input', { bubbles: true }));
  };
  return { fixture, http, element, byTestId, row, type, firstRequest: list };
}

async function fillNewUserForm(
  page: Awaited<ReturnType<typeof openUsersPage>>,
  password = 'long enough secret',
): Promise<void> {
  page.byTestId<HTMLButtonElement>('new-user-button')?.click();
  await settle(page.fixture);
  page.type('new-user-email', 'ada@example.test');
  page.type('new-user-name', 'Ada Again');
  page.type('new-user-role', 'SUPERVISOR');
  page.type('new-user-password', password);
}

describe('UsersPage', () => {
  afterEach(() => TestBed.inject(HttpTestingController).verify());

  it('lists users with their role, status and last login', async () => {
    const { row, byTestId, firstRequest } = await openUsersPage(ada);

    expect(firstRequest.request.params.get('page')).toBe('1');
    expect(byTestId('users-table')).not.toBeNull();
    expect(row('sam@example.test').textContent).toContain('Sam Supervisor');
    expect(row('alex@example.test').textContent).toContain('Disabled');
    expect(row('sam@example.test').textContent).toContain('Enabled');
    expect(row('sam@example.test').textContent).toContain('Never');
    expect(row('ada@example.test').textContent).toContain('4 Mar 2025');
  });

  it('shows a supervisor the list without any control to change it', async () => {
    const { element, byTestId, row } = await openUsersPage(sam);

    expect(row('alex@example.test').textContent).toContain('Agent');
    expect(byTestId('new-user-button')).toBeNull();
    expect(element.querySelector('[data-testid="user-role-select"]')).toBeNull();
    expect(element.querySelector('[data-testid="user-disable-toggle"]')).toBeNull();
  });

  it('shows the server’s conflict beside the email field', async () => {
    const page = await openUsersPage(ada);
    await fillNewUserForm(page);

    page.byTestId<HTMLButtonElement>('new-user-submit')?.click();
    const create: TestRequest = page.http.expectOne({ method: 'POST', url: '/api/users' });
    expect(create.request.body).toEqual({
      email: 'ada@example.test',
      displayName: 'Ada Again',
      role: 'SUPERVISOR',
      password: 'long enough secret',
    });
    create.flush(
      {
        statusCode: 409,
        error: 'Conflict',
        message: 'Conflict',
        details: [{ path: 'email', message: 'a user with this email already exists' }],
      },
      { status: 409, statusText: 'Conflict' },
    );
    await settle(page.fixture);

    const error = page.byTestId('field-error-email');
    expect(error?.textContent).toContain('a user with this email already exists');
    const email = page.byTestId<HTMLInputElement>('new-user-email');
    expect(email?.getAttribute('aria-describedby')).toBe(error?.id);
    expect(email?.getAttribute('aria-invalid')).toBe('true');
    expect(document.activeElement).toBe(email);
  });

  it('shows the server’s validation errors beside each field', async () => {
    const page = await openUsersPage(ada);
    await fillNewUserForm(page);

    page.byTestId<HTMLButtonElement>('new-user-submit')?.click();
    page.http.expectOne({ method: 'POST', url: '/api/users' }).flush(
      {
        statusCode: 400,
        error: 'ValidationError',
        message: 'displayName is reserved',
        details: [{ path: 'displayName', message: 'displayName is reserved' }],
      },
      { status: 400, statusText: 'Bad Request' },
    );
    await settle(page.fixture);

    expect(page.byTestId('field-error-displayName')?.textContent).toContain('displayName is reserved');
    expect(page.byTestId('field-error-email')).toBeNull();
  });

  it('checks the form with the API’s schema before sending anything', async () => {
    const page = await openUsersPage(ada);
    await fillNewUserForm(page, 'short');

    page.byTestId<HTMLButtonElement>('new-user-submit')?.click();
    await settle(page.fixture);

    page.http.expectNone({ method: 'POST', url: '/api/users' });
    expect(page.byTestId('field-error-password')?.textContent).toContain('at least 10 characters');
  });

  it('creates a user, closes the form and reloads the list', async () => {
    const page = await openUsersPage(ada);
    await fillNewUserForm(page);
    page.type('new-user-email', 'new@example.test');

    page.byTestId<HTMLButtonElement>('new-user-submit')?.click();
    const created = user('u-new', 'new@example.test', 'Ada Again', 'SUPERVISOR');
    page.http.expectOne({ method: 'POST', url: '/api/users' }).flush(created, { status: 201, statusText: 'Created' });
    await settle(page.fixture);
    page.http
      .expectOne((request) => request.method === 'GET' && request.url === '/api/users')
      .flush({ ...firstPage, items: [...firstPage.items, created], total: 4 });
    await settle(page.fixture);

    expect(page.byTestId('new-user-email')).toBeNull();
    expect(page.element.textContent).toContain('Created Ada Again (new@example.test).');
    expect(page.row('new@example.test')).toBeTruthy();
  });

  it('shows the server’s refusal in the row and puts the role back', async () => {
    const page = await openUsersPage(ada);
    const select = page.byTestId<HTMLSelectElement>('user-role-select', page.row('ada@example.test'));
    if (!select) throw new Error('no role select');

    select.value = 'AGENT';
    select.dispatchEvent(new Event('change'));
    const update = page.http.expectOne({ method: 'PATCH', url: '/api/users/u-ada' });
    expect(update.request.body).toEqual({ role: 'AGENT' });
    update.flush(
      { statusCode: 409, error: 'Conflict', message: 'You cannot change your own role.' },
      { status: 409, statusText: 'Conflict' },
    );
    await settle(page.fixture);

    expect(page.row('ada@example.test').textContent).toContain('You cannot change your own role.');
    expect(select.value).toBe('ADMIN');
  });

  it('disables a user and shows the new status', async () => {
    const page = await openUsersPage(ada);
    const toggle = page.byTestId<HTMLButtonElement>('user-disable-toggle', page.row('sam@example.test'));
    expect(toggle?.textContent?.trim()).toBe('Disable');

    toggle?.click();
    const update = page.http.expectOne({ method: 'PATCH', url: '/api/users/u-sam' });
    expect(update.request.body).toEqual({ disabled: true });
    update.flush({ ...sam, disabled: true });
    await settle(page.fixture);

    expect(page.row('sam@example.test').textContent).toContain('Disabled');
    expect(page.byTestId('user-disable-toggle', page.row('sam@example.test'))?.textContent?.trim()).toBe('Enable');
  });

  it('searches after the user stops typing, from the first page', async () => {
    const page = await openUsersPage(ada);

    page.type('users-search', 'sam');
    await new Promise((resolve) => setTimeout(resolve, 300));
    page.fixture.detectChanges();

    const search = page.http.expectOne((request) => request.url === '/api/users');
    expect(search.request.params.get('search')).toBe('sam');
    expect(search.request.params.get('page')).toBe('1');
    search.flush({ items: [sam], total: 1, page: 1, pageSize: 25 });
    await settle(page.fixture);
    expect(page.element.querySelectorAll('[data-testid="user-row"]')).toHaveLength(1);
  });
});
