import { ChangeDetectionStrategy, Component, computed, input, output, signal } from '@angular/core';

/** Keys of a phone keypad, in display order. */
export const KEYPAD_KEYS = ['1', '2', '3', '4', '5', '6', '7', '8', '9', '*', '0', '#'] as const;

/** Number entry and keypad for outbound calls; the page checks the number with the API before dialling. */
@Component({
  selector: 'sb-dialpad',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <form class="dialpad" (submit)="submit($event)">
      <label class="sb-label" for="dial-number">Number or extension</label>
      <div class="entry">
        <input
          id="dial-number"
          class="sb-input"
          data-testid="dial-number"
          inputmode="tel"
          autocomplete="off"
          maxlength="64"
          [value]="number()"
          [attr.aria-invalid]="shownRefusal() ? 'true' : null"
          [attr.aria-describedby]="shownRefusal() ? 'dial-refusal' : null"
          (input)="number.set($any($event.target).value)"
        />
        <button type="submit" class="sb-btn sb-btn--primary" data-testid="dial-call" [disabled]="!canDial() || number().trim() === ''">
          Call
        </button>
      </div>
      @if (shownRefusal(); as message) {
        <p id="dial-refusal" class="sb-alert" role="alert" data-testid="dial-refusal">{{ message }}</p>
      }
      <div class="keys" role="group" aria-label="Keypad">
        @for (key of keys; track key) {
          <button type="button" class="sb-btn key" [attr.data-testid]="'dial-key-' + key" (click)="press(key)">{{ key }}</button>
        }
      </div>
    </form>
  `,
  styles: `
    .dialpad { display: flex; flex-direction: column; gap: var(--sb-space-2); }
    .entry { display: flex; gap: var(--sb-space-2); }
    .entry .sb-input { flex: 1; font-size: 16px; letter-spacing: 0.03em; }
    .keys { display: grid; grid-template-columns: repeat(3, 1fr); gap: var(--sb-space-1); max-width: 240px; }
    .key { height: 34px; font-size: 15px; }
  `,
})
export class Dialpad {
  /** Whether the phone can place a call now. */
  readonly canDial = input(true);
  /** Why the API refused the last number (dial check), shown under the entry. */
  readonly refusal = input<string | undefined>(undefined);
  /** The number the agent wants to call. */
  readonly dial = output<string>();

  protected readonly keys = KEYPAD_KEYS;
  protected readonly number = signal('');
  /** The number last submitted: a refusal is about it, and goes away once the agent edits the number. */
  private readonly submitted = signal<string | undefined>(undefined);
  protected readonly shownRefusal = computed(() => (this.number().trim() === this.submitted() ? this.refusal() : undefined));

  protected press(key: string): void {
    this.number.update((value) => value + key);
  }

  protected submit(event: Event): void {
    event.preventDefault();
    const number = this.number().trim();
    if (!number || !this.canDial()) return;
    this.submitted.set(number);
    this.dial.emit(number);
  }
}
