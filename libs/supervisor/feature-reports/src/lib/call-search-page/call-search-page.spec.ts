import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { flushDirectoryNames } from '@switchboard/supervisor/data-access-live/testing';
import { TestBed, type ComponentFixture } from '@angular/core/testing';
import type { CallDetailDto, CallDto } from '@switchboard/shared/contracts';
import { CallSearchPage } from './call-search-page';

const call: CallDto = {
  uuid: 'c0ffee00-0000-4000-8000-000000000001',
  node: 'fs1',
  direction: 'INBOUND',
  channel: 'voice',
  web: null,
  fromNumber: '+15550100',
  fromName: 'Bob Chen',
  toNumber: '9200',
  toName: null,
  queue: 'support@default',
  agent: 'agent1001@default',
  startedAt: '2025-03-04T09:00:00.000Z',
  answeredAt: '2025-03-04T09:00:12.000Z',
  bridgedAt: '2025-03-04T09:00:12.000Z',
  endedAt: '2025-03-04T09:03:00.000Z',
  waitSeconds: 12,
  talkSeconds: 168,
  holdSeconds: 0,
  hangupCause: 'NORMAL_CLEARING',
  hangupSide: 'CALLER',
  outcome: 'ANSWERED',
  cancelReason: null,
  disposition: null,
  notes: null,
  sources: ['esl'],
};
const detail: CallDetailDto = {
  ...call,
  channelUuids: [call.uuid],
  timeline: [
    {
      sequence: '1',
      at: '2025-03-04T09:00:00.000Z',
      name: 'CHANNEL_CREATE',
      subclass: null,
      channelUuid: call.uuid,
      summary: {},
    },
    {
      sequence: '2',
      at: '2025-03-04T09:00:01.000Z',
      name: 'CUSTOM',
      subclass: 'callcenter::info',
      channelUuid: call.uuid,
      summary: { 'CC-Action': 'member-queue-start' },
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

describe('call search page', () => {
  afterEach(() => TestBed.inject(HttpTestingController).verify());

  it('searches by number from today and opens a call with its event timeline', async () => {
    TestBed.configureTestingModule({ providers: [provideHttpClientTesting()] });
    const http = TestBed.inject(HttpTestingController);
    const fixture = TestBed.createComponent(CallSearchPage);
    fixture.detectChanges();
    await settle(fixture);
    // Queues and agents as provisioned: results and the detail name them so.
    flushDirectoryNames(http);
    const first = http.expectOne((r) => r.url === '/api/calls');
    expect(first.request.params.get('from')).toBeTruthy();
    first.flush({ items: [], total: 0, page: 1, pageSize: 50 });
    await settle(fixture);

    const element = fixture.nativeElement as HTMLElement;
    const number = element.querySelector<HTMLInputElement>('[data-testid="calls-number"]');
    if (!number) throw new Error('no number field');
    number.value = '0100';
    number.dispatchEvent(new Event('input'));
    element.querySelector<HTMLButtonElement>('[data-testid="calls-search"]')?.click();
    await settle(fixture);
    const search = http.expectOne((r) => r.url === '/api/calls');
    expect(search.request.params.get('number')).toBe('0100');
    search.flush({ items: [call], total: 1, page: 1, pageSize: 50 });
    await settle(fixture);

    const cells = [...(element.querySelector('[data-testid="call-result"]')?.querySelectorAll('td') ?? [])].map(
      (cell) => cell.textContent?.trim(),
    );
    expect(cells.slice(3, 5)).toEqual(['Customer support', 'Ann Lee · 1001']);

    element.querySelector<HTMLElement>('[data-testid="call-result"]')?.click();
    await settle(fixture);
    http.expectOne(`/api/calls/${call.uuid}`).flush(detail);
    await settle(fixture);

    const facts = element.querySelector('[data-testid="call-detail"]')?.textContent ?? '';
    expect(facts).toContain('Customer support');
    expect(facts).toContain('Ann Lee · 1001');
    const entries = element.querySelectorAll('[data-testid="timeline-entry"]');
    expect(entries).toHaveLength(2);
    expect(entries[1]?.textContent).toContain('callcenter::info');
    expect(entries[1]?.textContent).toContain('CC-Action: member-queue-start');
  });
});
