/**
 * Drives an `sb-login-page` through its DOM the way a user would, for component and app tests. Query by the
 * stable `data-testid`s the browser tests use too.
 */
export class LoginPageHarness {
  constructor(private readonly root: HTMLElement) {}

  private get emailInput(): HTMLInputElement {
    return this.find('login-email');
  }

  private get passwordInput(): HTMLInputElement {
    return this.find('login-password');
  }

  /** The submit button. */
  get submitButton(): HTMLButtonElement {
    return this.find('login-submit');
  }

  /** Types credentials into the fields. */
  fill(email: string, password: string): void {
    for (const [input, value] of [
      [this.emailInput, email],
      [this.passwordInput, password],
    ] as const) {
      input.value = value;
      input.dispatchEvent(new Event('input', { bubbles: true }));
    }
  }

  /** Presses the submit button. */
  submit(): void {
    this.submitButton.click();
  }

  /** Text of the error area, or null when none is shown. */
  errorText(): string | null {
    return this.root.querySelector('[data-testid="login-error"]')?.textContent?.trim() ?? null;
  }

  /** The error area element, if shown. */
  errorElement(): HTMLElement | null {
    return this.root.querySelector('[data-testid="login-error"]');
  }

  private find<T extends HTMLElement>(testId: string): T {
    const element = this.root.querySelector<T>(`[data-testid="${testId}"]`);
    if (!element) throw new Error(`No element with data-testid="${testId}" in the login page`);
    return element;
  }
}
