/** Reads and drives an `sb-shell` through its DOM, for component and app tests. */
export class ShellHarness {
  constructor(private readonly root: HTMLElement) {}

  /** The signed-in user's name as the header shows it, or null. */
  userName(): string | null {
    return this.root.querySelector('[data-testid="shell-user"]')?.textContent?.trim() ?? null;
  }

  /** Labels of the main navigation links, in order. */
  navLabels(): string[] {
    return Array.from(this.root.querySelectorAll('nav[aria-label="Main"] a'), (link) => link.textContent?.trim() ?? '');
  }

  /** Presses "Sign out". */
  signOut(): void {
    const button = this.root.querySelector<HTMLButtonElement>('[data-testid="shell-logout"]');
    if (!button) throw new Error('No sign-out button in the shell');
    button.click();
  }
}
