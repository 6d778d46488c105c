import { ChangeDetectionStrategy, Component, signal } from '@angular/core';
import { TestBed, type ComponentFixture } from '@angular/core/testing';
import type { LoginRequest } from '@switchboard/shared/contracts';
import { LoginPage } from './login-page';
import { LoginPageHarness } from './login-page.harness';

/** Plays the part of the app's login route: records submissions and feeds back pending/error. */
@Component({
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [LoginPage],
  template: `<sb-login-page
    appTitle="Switchboard — Supervisor"
    [pending]="pending()"
    [error]="error()"
    (signIn)="submitted.push($event)"
  />`,
})
class LoginRouteStandIn {
  readonly pending = signal(false);
  readonly error = signal<string | null>(null);
  readonly submitted: LoginRequest[] = [];
}

async function render(): Promise<{ fixture: ComponentFixture<LoginRouteStandIn>; page: LoginPageHarness }> {
  const fixture = TestBed.createComponent(LoginRouteStandIn);
  await fixture.whenStable();
  return { fixture, page: new LoginPageHarness(fixture.nativeElement as HTMLElement) };
}

describe('LoginPage', () => {
  it('shows the app title and labelled fields', async () => {
    const { fixture } = await render();
    const element = fixture.nativeElement as HTMLElement;

    expect(element.textContent).toContain('Switchboard — Supervisor');
    expect(element.querySelector('label[for="sb-login-email"]')?.textContent).toContain('Email');
    expect(element.querySelector('label[for="sb-login-password"]')?.textContent).toContain('Password');
  });

  it('emits the credentials, with the email trimmed', async () => {
    const { fixture, page } = await render();

    page.fill('  admin@example.test ', 'correct horse battery');
    page.submit();

    expect(fixture.componentInstance.submitted).toEqual([
      { email: 'admin@example.test', password: 'correct horse battery' },
    ]);
  });

  it('asks for both fields instead of submitting an empty form', async () => {
    const { fixture, page } = await render();

    page.fill('admin@example.test', '');
    page.submit();
    await fixture.whenStable();

    expect(fixture.componentInstance.submitted).toEqual([]);
    expect(page.errorText()).toBe('Enter your email address and password.');
  });

  it('disables the button and shows progress while signing in', async () => {
    const { fixture, page } = await render();

    fixture.componentInstance.pending.set(true);
    await fixture.whenStable();

    expect(page.submitButton.disabled).toBe(true);
    expect(page.submitButton.textContent).toContain('Signing in…');
    page.fill('admin@example.test', 'secret');
    page.submit();
    expect(fixture.componentInstance.submitted).toEqual([]);

    fixture.componentInstance.pending.set(false);
    await fixture.whenStable();
    expect(page.submitButton.disabled).toBe(false);
    expect(page.submitButton.textContent).toContain('Sign in');
  });

  it('shows the server’s message in an alert and moves focus to it', async () => {
    const { fixture, page } = await render();

    fixture.componentInstance.error.set('Email or password is incorrect.');
    await fixture.whenStable();

    const alert = page.errorElement();
    expect(alert?.getAttribute('role')).toBe('alert');
    expect(page.errorText()).toBe('Email or password is incorrect.');
    expect(document.activeElement).toBe(alert);
  });
});
