import { TestBed } from '@angular/core/testing';
import type { AgentCallDto } from '@switchboard/shared/contracts';
import { CallHistory } from './call-history';

const call = (overrides: Partial<AgentCallDto>): AgentCallDto => ({
  uuid: 'c1',
  direction: 'INBOUND',
  fromNumber: '+4930123456',
  fromName: 'Berta',
  toNumber: '3001',
  toName: null,
  queue: null,
  queueDisplayName: null,
  startedAt: '2026-12-05T09:00:00.000Z',
  answeredAt: '2026-12-05T09:00:05.000Z',
  endedAt: '2026-12-05T09:02:05.000Z',
  talkSeconds: 120,
  holdSeconds: 0,
  hangupCause: 'NORMAL_CLEARING',
  outcome: 'ANSWERED',
  disposition: 'RESOLVED',
  notes: null,
  wrapUpSeconds: 20,
  wrappedUpAt: '2026-12-05T09:02:25.000Z',
  ...overrides,
});

function render(calls: AgentCallDto[]): HTMLElement {
  const fixture = TestBed.createComponent(CallHistory);
  fixture.componentRef.setInput('calls', calls);
  fixture.detectChanges();
  return fixture.nativeElement as HTMLElement;
}

const rows = (host: HTMLElement) => [...host.querySelectorAll('[data-testid="call-history-row"]')];
const cells = (row: Element | undefined) => [...(row?.querySelectorAll('td') ?? [])];

describe('CallHistory', () => {
  it('names a queue call’s queue as the admin named it, with mod_callcenter’s name on hover', () => {
    const host = render([call({ queue: 'demo-live@switchboard.local', queueDisplayName: 'Live demo line' })]);
    const queueCell = cells(rows(host)[0])[2];
    expect(queueCell?.textContent?.trim()).toBe('Live demo line');
    expect(queueCell?.getAttribute('title')).toBe('demo-live@switchboard.local');
  });

  it('falls back to mod_callcenter’s name for a queue not provisioned here, and a dash for a direct call', () => {
    const host = render([
      call({ uuid: 'a', queue: 'overflow@elsewhere', queueDisplayName: null }),
      call({ uuid: 'b', queue: null, queueDisplayName: null, direction: 'OUTBOUND', toNumber: '2002', toName: 'Bob' }),
    ]);
    expect(rows(host).map((row) => cells(row)[2]?.textContent?.trim())).toEqual(['overflow@elsewhere', '—']);
    expect(rows(host).map((row) => cells(row)[1]?.textContent?.replace(/\s+/g, ' ').trim())).toEqual([
      '↙ Berta (+4930123456)',
      '↗ Bob (2002)',
    ]);
  });

  it('says a call nobody answered was missed and tells the agent so when the history is empty', () => {
    const host = render([call({ talkSeconds: null, answeredAt: null, disposition: null })]);
    const row = cells(rows(host)[0]);
    expect(row[3]?.textContent?.trim()).toBe('missed');
    expect(row[4]?.textContent?.trim()).toBe('—');
    expect(render([]).querySelector('[data-testid="call-history-empty"]')?.textContent).toContain('No calls yet');
  });
});
