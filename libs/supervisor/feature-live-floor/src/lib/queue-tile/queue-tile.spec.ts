import { TestBed } from '@angular/core/testing';
import type { LiveQueueStats } from '@switchboard/shared/contracts';
import { QueueTile } from './queue-tile';

const stats = (extra: Partial<LiveQueueStats> = {}): LiveQueueStats => ({
  queue: 'support@default',
  waiting: 3,
  longestWaitSince: '2025-03-04T09:00:00.000Z',
  agents: { staffed: 4, available: 1, onCall: 2, afterCallWork: 1, onBreak: 0 },
  today: { offered: 40, answered: 35, abandoned: 5, serviceLevel: 0.825, asaSeconds: 14.4, ahtSeconds: 187 },
  at: '2025-03-04T09:00:30.000Z',
  ...extra,
});

function render(value: LiveQueueStats, now: string) {
  const fixture = TestBed.createComponent(QueueTile);
  fixture.componentRef.setInput('stats', value);
  fixture.componentRef.setInput('now', Date.parse(now));
  fixture.detectChanges();
  const element = fixture.nativeElement as HTMLElement;
  const text = (id: string) => element.querySelector(`[data-testid="${id}"]`)?.textContent?.trim();
  return { fixture, element, text };
}

describe('queue tile', () => {
  it('shows waiting callers, the longest wait counting up, and today’s service level', () => {
    const tile = render(stats(), '2025-03-04T09:00:12.000Z');
    expect(tile.text('queue-waiting')).toBe('3');
    expect(tile.text('queue-longest-wait')).toBe('0:12');
    expect(tile.text('queue-service-level')).toBe('83%');
    expect(tile.text('queue-offered')).toBe('40');

    tile.fixture.componentRef.setInput('now', Date.parse('2025-03-04T09:01:05.000Z'));
    tile.fixture.detectChanges();
    expect(tile.text('queue-longest-wait')).toBe('1:05');
    expect(tile.element.querySelector('[data-testid="queue-longest-wait"]')?.classList).toContain('is-over');
  });

  it('warns when callers wait and nobody is available', () => {
    const staffed = render(stats(), '2025-03-04T09:00:05.000Z');
    expect(staffed.element.textContent).not.toContain('No agent available');

    const unstaffed = render(
      stats({ agents: { staffed: 2, available: 0, onCall: 2, afterCallWork: 0, onBreak: 0 } }),
      '2025-03-04T09:00:05.000Z',
    );
    expect(unstaffed.element.textContent).toContain('No agent available');
  });

  it('shows dashes, not zeros, before anything is known', () => {
    const tile = render(stats({ waiting: 0, longestWaitSince: null, today: null }), '2025-03-04T09:00:05.000Z');
    expect(tile.text('queue-longest-wait')).toBe('–');
    expect(tile.text('queue-service-level')).toBe('–');
    expect(tile.element.querySelector('[data-testid="queue-today"]')).toBeNull();
  });
});
