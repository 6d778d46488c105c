import { ChangeDetectionStrategy, Component, signal } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { Shell, type ShellNavLink, type ShellUser } from './shell';
import { ShellHarness } from './shell.harness';

@Component({
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [Shell],
  template: `<sb-shell appName="Supervisor" [navLinks]="links()" [user]="user()" (signOut)="signOuts = signOuts + 1"
    ><p>Page body</p></sb-shell
  >`,
})
class AppStandIn {
  readonly links = signal<readonly ShellNavLink[]>([{ label: 'Overview', path: '/', exact: true }]);
  readonly user = signal<ShellUser | null>({ displayName: 'Ada Admin', role: 'ADMIN' });
  signOuts = 0;
}

describe('Shell', () => {
  async function render() {
    TestBed.configureTestingModule({ providers: [provideRouter([])] });
    const fixture = TestBed.createComponent(AppStandIn);
    await fixture.whenStable();
    const element = fixture.nativeElement as HTMLElement;
    return { fixture, element, shell: new ShellHarness(element) };
  }

  it('shows the app, the signed-in user with their role, and the page', async () => {
    const { element, shell } = await render();

    expect(element.querySelector('header')?.textContent).toContain('Supervisor');
    expect(shell.userName()).toBe('Ada Admin');
    expect(element.querySelector('header')?.textContent).toContain('Admin');
    expect(element.querySelector('main')?.textContent).toContain('Page body');
  });

  it('shows only the navigation links it is given', async () => {
    const { fixture, shell } = await render();
    expect(shell.navLabels()).toEqual(['Overview']);

    fixture.componentInstance.links.set([
      { label: 'Overview', path: '/', exact: true },
      { label: 'Users', path: '/admin/users' },
    ]);
    await fixture.whenStable();

    expect(shell.navLabels()).toEqual(['Overview', 'Users']);
  });

  it('tells the app when the user signs out', async () => {
    const { fixture, shell } = await render();

    shell.signOut();

    expect(fixture.componentInstance.signOuts).toBe(1);
  });
});
