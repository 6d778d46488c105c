import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { flushDirectoryNames } from '@switchboard/supervisor/data-access-live/testing';
import { TestBed, type ComponentFixture } from '@angular/core/testing';
import type { CallMetrics, QueueReport } from '@switchboard/shared/contracts';
import { ReportsPage } from './reports-page';

const metrics = (extra: Partial<CallMetrics> = {}): CallMetrics => ({
  offered: 10,
  answered: 8,
  abandoned: 2,
  abandonedByReason: { BREAK_OUT: 2 },
  shortAbandoned: 0,
  inQueue: 0,
  answeredWithinThreshold: 7,
  serviceLevelSeconds: 20,
  serviceLevel: 0.7,
  abandonRate: 0.2,
  asaSeconds: 12.5,
  maxAnswerWaitSeconds: 40,
  handled: 8,
  talkSeconds: 960,
  holdSeconds: 0,
  wrapUpSeconds: 80,
  handleSeconds: 1040,
  ahtSeconds: 130,
  ...extra,
});
const range = { from: '2025-03-04T00:00:00.000Z', to: '2025-03-05T00:00:00.000Z', timeZone: 'UTC', generatedAt: '' };
const queueReport: QueueReport = {
  ...range,
  rows: [{ queue: 'support', displayName: null, ...metrics() }],
  total: metrics(),
};
const agentFigures = {
  ...metrics(),
  staffedSeconds: 3600,
  availableSeconds: 3000,
  breakSeconds: 0,
  occupancy: 0.05,
};
const macrotask = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));

async function settle(fixture: ComponentFixture<unknown>): Promise<void> {
  await macrotask();
  fixture.detectChanges();
  await macrotask();
  fixture.detectChanges();
}

async function openReports() {
  TestBed.configureTestingModule({ providers: [provideHttpClientTesting()] });
  const http = TestBed.inject(HttpTestingController);
  const fixture = TestBed.createComponent(ReportsPage);
  fixture.detectChanges();
  await settle(fixture);
  // The contact center counts its days in New York, wherever this browser is.
  http.expectOne('/api/reports/settings').flush({ timeZone: 'America/New_York' });
  // Queues and agents as provisioned: the report names them so.
  flushDirectoryNames(http);
  await settle(fixture);
  const element = fixture.nativeElement as HTMLElement;
  const byTestId = <T extends HTMLElement>(id: string): T | null => element.querySelector<T>(`[data-testid="${id}"]`);
  const type = (id: string, value: string): void => {
    const field = byTestId<HTMLInputElement>(id);
    if (!field) throw new Error(`no ${id}`);
    field.value = value;
    field.dispatchEvent(new Event('input'));
  };
  return { fixture, http, element, byTestId, type };
}

describe('reports page', () => {
  afterEach(() => TestBed.inject(HttpTestingController).verify());

  it('shows today’s per-queue report with a total row', async () => {
    const page = await openReports();
    const request = page.http.expectOne((r) => r.url === '/api/reports/queues');
    const from = Date.parse(request.request.params.get('from') ?? '');
    const to = Date.parse(request.request.params.get('to') ?? '');
    expect(to - from).toBeGreaterThanOrEqual(23 * 3600_000);
    // Today is the contact center's day: from New York's midnight (04:00 or 05:00 UTC), in its zone.
    expect([4, 5]).toContain(new Date(from).getUTCHours());
    expect(request.request.params.get('timeZone')).toBe('America/New_York');
    request.flush(queueReport);
    await settle(page.fixture);

    const row = page.byTestId('report-row')?.textContent ?? '';
    expect(row).toContain('Customer support');
    expect(row).toContain('70.0%');
    expect(row).toContain('12.5 s');
    expect(page.byTestId('report-total')?.textContent).toContain('All queues');
  });

  it('puts a refused range beside the date it concerns', async () => {
    const page = await openReports();
    page.http.expectOne((r) => r.url === '/api/reports/queues').flush(queueReport);
    await settle(page.fixture);

    page.type('report-from', '2025-03-10');
    page.type('report-to', '2025-03-01');
    page.byTestId<HTMLButtonElement>('report-run')?.click();
    await settle(page.fixture);
    page.http
      .expectOne((r) => r.url === '/api/reports/queues')
      .flush(
        {
          statusCode: 400,
          error: 'ValidationError',
          message: 'Invalid query',
          details: [{ path: 'from', message: 'from must be before to' }],
        },
        { status: 400, statusText: 'Bad Request' },
      );
    await settle(page.fixture);
    expect(page.byTestId('field-error-from')?.textContent?.trim()).toBe('from must be before to');
  });

  it('names agents by person and extension, and one no longer provisioned by mod_callcenter’s name', async () => {
    const page = await openReports();
    page.http.expectOne((r) => r.url === '/api/reports/queues').flush(queueReport);
    page.byTestId<HTMLButtonElement>('report-tab-agents')?.click();
    await settle(page.fixture);
    page.http
      .expectOne((r) => r.url === '/api/reports/agents')
      .flush({
        ...range,
        rows: [
          { agent: 'agent1001@default', ...agentFigures },
          { agent: 'agent9999@default', ...agentFigures },
        ],
      });
    await settle(page.fixture);
    // A provisioned agent by person and extension; one removed since, by mod_callcenter's name.
    const agents = [...page.element.querySelectorAll('[data-testid="report-row"]')].map((row) =>
      row.querySelector('td')?.textContent?.trim(),
    );
    expect(agents).toEqual(['Ann Lee · 1001', 'agent9999@default']);
  });

  it('switches to the per-agent report with an agent filter, and exports it as CSV', async () => {
    const page = await openReports();
    page.http.expectOne((r) => r.url === '/api/reports/queues').flush(queueReport);
    page.byTestId<HTMLButtonElement>('report-tab-agents')?.click();
    await settle(page.fixture);
    page.http.expectOne((r) => r.url === '/api/reports/agents').flush({ ...range, rows: [] });
    await settle(page.fixture);

    const createObjectURL = jest.fn(() => 'blob:report');
    const revokeObjectURL = jest.fn();
    Object.assign(URL, { createObjectURL, revokeObjectURL });
    const clicked = jest.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(() => undefined);
    page.byTestId<HTMLButtonElement>('report-csv')?.click();
    const csv = page.http.expectOne((r) => r.url === '/api/reports/agents' && r.params.get('format') === 'csv');
    csv.flush(new Blob(['agent,answered\n']));
    await settle(page.fixture);

    expect(createObjectURL).toHaveBeenCalled();
    expect(clicked).toHaveBeenCalled();
    expect(page.element.textContent).toContain('No calls in this range.');
    clicked.mockRestore();
  });
});
