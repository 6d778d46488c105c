import { DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, input, signal } from '@angular/core';
import type { SipTraceEntry } from '@switchboard/telephony/sip-core';

/** SIP messages of the current or last call, newest last; click one to read it whole. */
@Component({
  selector: 'sb-sip-trace',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [DatePipe],
  template: `
    @if (entries().length === 0) {
      <p class="sb-hint">No SIP messages yet.</p>
    } @else {
      <ol class="trace" data-testid="sip-trace">
        @for (entry of entries(); track $index) {
          <li [class.in]="entry.direction === 'in'">
            <button type="button" class="line" [attr.aria-expanded]="open() === $index" (click)="toggle($index)">
              <span class="time">{{ entry.at | date: 'HH:mm:ss.SSS' }}</span>
              <span class="arrow">{{ entry.direction === 'in' ? '←' : '→' }}</span>
              <span class="summary" data-testid="sip-trace-summary">{{ entry.summary }}</span>
            </button>
            @if (open() === $index) {
              <pre class="raw">{{ entry.raw }}</pre>
            }
          </li>
        }
      </ol>
    }
  `,
  styles: `
    .trace { list-style: none; margin: 0; padding: 0; max-height: 260px; overflow-y: auto; font-family: var(--sb-font-mono); font-size: 12px; }
    .line { display: flex; gap: var(--sb-space-2); width: 100%; padding: 2px var(--sb-space-1); border: 0; background: none; font: inherit; text-align: left; cursor: pointer; }
    .line:hover { background: var(--sb-color-surface-muted); }
    .time { color: var(--sb-color-text-muted); }
    .in .arrow { color: var(--sb-color-success); }
    .arrow { color: var(--sb-color-primary); }
    .raw { margin: 0 0 var(--sb-space-2); padding: var(--sb-space-2); background: var(--sb-color-surface-muted); white-space: pre-wrap; overflow-wrap: anywhere; }
  `,
})
export class SipTrace {
  /** Messages, oldest first. */
  readonly entries = input<readonly SipTraceEntry[]>([]);
  protected readonly open = signal<number | undefined>(undefined);

  protected toggle(index: number): void {
    this.open.set(this.open() === index ? undefined : index);
  }
}
