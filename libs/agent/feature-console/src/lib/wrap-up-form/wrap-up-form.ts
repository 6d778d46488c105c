import { ChangeDetectionStrategy, Component, input, output, signal } from '@angular/core';
import {
  DISPOSITION_CODES,
  DISPOSITION_LABELS,
  type DispositionCode,
  WRAP_UP_NOTES_MAX,
  type WrapUpRequest,
} from '@switchboard/shared/contracts';

/** After-call work: the agent picks how the call ended and may add notes. */
@Component({
  selector: 'sb-wrap-up-form',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <form class="wrap-up" data-testid="wrap-up-form" (submit)="submit($event)">
      <h2 class="title">Wrap up {{ peer() }}</h2>
      <div class="sb-field">
        <label class="sb-label" for="wrap-up-disposition">Outcome</label>
        <select
          id="wrap-up-disposition"
          class="sb-select"
          data-testid="wrap-up-disposition"
          [attr.aria-invalid]="missingDisposition() ? 'true' : null"
          (change)="pick($any($event.target).value)"
        >
          <option value="" [selected]="disposition() === undefined">Choose…</option>
          @for (code of codes; track code) {
            <option [value]="code" [selected]="disposition() === code">{{ labels[code] }}</option>
          }
        </select>
        @if (missingDisposition()) {
          <p class="sb-field-error" data-testid="wrap-up-missing">Choose an outcome first.</p>
        }
      </div>
      <div class="sb-field">
        <label class="sb-label" for="wrap-up-notes">Notes</label>
        <textarea
          id="wrap-up-notes"
          class="sb-input notes"
          data-testid="wrap-up-notes"
          rows="3"
          [attr.maxlength]="notesMax"
          [value]="notes()"
          (input)="notes.set($any($event.target).value)"
        ></textarea>
        <span class="sb-hint">{{ notes().length }} / {{ notesMax }}</span>
      </div>
      @if (error(); as message) {
        <p class="sb-alert" role="alert" data-testid="wrap-up-error">{{ message }}</p>
      }
      <button type="submit" class="sb-btn sb-btn--primary" data-testid="wrap-up-submit" [disabled]="pending()">Save and finish</button>
    </form>
  `,
  styles: `
    .wrap-up { display: flex; flex-direction: column; gap: var(--sb-space-3); }
    .title { font-size: 15px; }
    .notes { height: auto; padding: var(--sb-space-2); resize: vertical; }
    button { align-self: flex-start; }
  `,
})
export class WrapUpForm {
  /** Who the call was with, for the title. */
  readonly peer = input('');
  /** Whether the wrap-up is being saved. */
  readonly pending = input(false);
  /** Why saving failed. */
  readonly error = input<string | undefined>(undefined);
  /** The completed wrap-up. */
  readonly save = output<WrapUpRequest>();

  protected readonly codes = DISPOSITION_CODES;
  protected readonly labels = DISPOSITION_LABELS;
  protected readonly notesMax = WRAP_UP_NOTES_MAX;
  protected readonly disposition = signal<DispositionCode | undefined>(undefined);
  protected readonly notes = signal('');
  protected readonly missingDisposition = signal(false);

  protected pick(value: string): void {
    this.disposition.set(value === '' ? undefined : (value as DispositionCode));
    this.missingDisposition.set(false);
  }

  protected submit(event: Event): void {
    event.preventDefault();
    const disposition = this.disposition();
    if (!disposition) {
      this.missingDisposition.set(true);
      return;
    }
    const notes = this.notes().trim();
    this.save.emit(notes ? { disposition, notes } : { disposition });
  }
}
