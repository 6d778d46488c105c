import {
  ChangeDetectionStrategy,
  Component,
  type ElementRef,
  afterRenderEffect,
  computed,
  input,
  output,
  signal,
  viewChild,
} from '@angular/core';
import type { LoginRequest } from '@switchboard/shared/contracts';

/**
 * The sign-in form of an app. Presentational: it emits the credentials, and whoever owns the session (the app's
 * login route) feeds back whether a request is under way and why the last one failed.
 */
@Component({
  selector: 'sb-login-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './login-page.html',
  styleUrl: './login-page.css',
})
export class LoginPage {
  /** Product and app, e.g. `Switchboard — Supervisor`. */
  readonly appTitle = input.required<string>();
  /** One line under the title saying who the app is for. */
  readonly tagline = input<string>('');
  /** Whether a sign-in request is under way: the button shows progress and cannot be pressed again. */
  readonly pending = input(false);
  /** Why the last attempt failed (the API's message), or null. */
  readonly error = input<string | null>(null);
  /** The user asked to sign in with these credentials. */
  readonly signIn = output<LoginRequest>();

  /** A problem found before asking the server (an empty field). */
  protected readonly formProblem = signal<string | null>(null);
  protected readonly shownError = computed(() => this.formProblem() ?? this.error());
  private readonly errorBox = viewChild<ElementRef<HTMLElement>>('errorBox');

  constructor() {
    // Moving focus to a new error makes keyboard and screen-reader users land on the reason the attempt failed.
    afterRenderEffect(() => {
      if (this.shownError()) this.errorBox()?.nativeElement.focus();
    });
  }

  /** Reads the fields at submit time, so browser autofill that fires no input event is still picked up. */
  protected submit(event: Event, email: string, password: string): void {
    event.preventDefault();
    if (this.pending()) return;
    const trimmedEmail = email.trim();
    if (!trimmedEmail || !password) {
      this.formProblem.set('Enter your email address and password.');
      return;
    }
    this.formProblem.set(null);
    this.signIn.emit({ email: trimmedEmail, password });
  }
}
