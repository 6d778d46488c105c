import { TestBed } from '@angular/core/testing';
import type { LiveConnection } from '@switchboard/supervisor/data-access-live';
import { ConnectionIndicator } from './connection-indicator';

function render(connection: LiveConnection, nodes = [{ node: 'fs1', connected: true }]) {
  const fixture = TestBed.createComponent(ConnectionIndicator);
  fixture.componentRef.setInput('connection', connection);
  fixture.componentRef.setInput('updatedAt', '2025-03-04T09:00:00.000Z');
  fixture.componentRef.setInput('now', Date.parse('2025-03-04T09:00:45.000Z'));
  fixture.componentRef.setInput('nodes', nodes);
  fixture.detectChanges();
  return fixture.nativeElement as HTMLElement;
}

describe('connection indicator', () => {
  it('says Live and nothing more while the feed flows', () => {
    const element = render('connected');
    expect(element.querySelector('[data-testid="connection-indicator"]')?.textContent?.trim()).toBe('Live');
  });

  it('says the feed is stale and how old the last update is', () => {
    const element = render('stale');
    const text = element.querySelector('[data-testid="connection-indicator"]')?.textContent?.replace(/\s+/g, ' ');
    expect(text?.trim()).toBe('Stale · last update 0:45 ago');
  });

  it('names a FreeSWITCH node the API lost', () => {
    const element = render('connected', [
      { node: 'fs1', connected: true },
      { node: 'fs2', connected: false },
    ]);
    expect(element.querySelector('[data-testid="node-down"]')?.textContent).toContain('FreeSWITCH fs2 disconnected');
  });
});
