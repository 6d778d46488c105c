import { ChangeDetectionStrategy, Component, input, output } from '@angular/core';
import type { PhoneAction, PhoneNotice } from './phone-view';

const ACTION_LABELS: Readonly<Record<PhoneAction, string>> = {
  retry: 'Retry now',
  'sign-in-again': 'Sign in again',
  'check-microphone': 'Check again',
  dismiss: 'Dismiss',
};

/** The phone's problems, each with what happened, what to do and a button per action (see `describePhone`). */
@Component({
  selector: 'sb-phone-notices',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @for (notice of notices(); track notice.problem) {
      <section
        class="notice"
        [class.notice--danger]="notice.severity === 'danger'"
        [class.notice--warning]="notice.severity === 'warning'"
        [attr.role]="notice.severity === 'info' ? 'status' : 'alert'"
        [attr.aria-labelledby]="'phone-notice-' + notice.problem"
        data-testid="phone-notice"
        [attr.data-kind]="notice.problem"
      >
        <h2 class="title" [id]="'phone-notice-' + notice.problem">{{ notice.title }}</h2>
        <p class="text">
          {{ notice.happened }}
          @if (notice.code) {
            <code data-testid="phone-notice-code">{{ notice.code }}</code>
          }
        </p>
        <p class="text todo">
          <strong>What to do: </strong>
          @for (part of withSettings(notice.todo); track $index) {
            @if (part.setting) {
              <code>{{ part.text }}</code>
            } @else {
              {{ part.text }}
            }
          }
        </p>
        @if (notice.actions.length > 0) {
          <div class="actions">
            @for (action of notice.actions; track action) {
              <button
                type="button"
                class="sb-btn sb-btn--small"
                [class.sb-btn--primary]="action !== 'dismiss'"
                [attr.data-testid]="'phone-action-' + action"
                (click)="act.emit(action)"
              >
                {{ labels[action] }}
              </button>
            }
          </div>
        }
      </section>
    }
  `,
  styles: `
    :host {
      display: grid;
      gap: var(--sb-space-3);
    }
    :host:empty {
      display: none;
    }
    .notice {
      border: 1px solid var(--sb-color-border);
      border-left-width: 4px;
      border-radius: var(--sb-radius);
      background: var(--sb-color-surface-muted);
      padding: var(--sb-space-3) var(--sb-space-4);
    }
    .notice--danger {
      border-color: var(--sb-color-danger-border);
      border-left-color: var(--sb-color-danger);
      background: var(--sb-color-danger-soft);
    }
    .notice--warning {
      border-left-color: var(--sb-color-warning);
      background: var(--sb-color-warning-soft);
    }
    .title {
      margin: 0 0 var(--sb-space-1);
      font-size: 15px;
    }
    .notice--danger .title {
      color: var(--sb-color-danger);
    }
    .notice--warning .title {
      color: var(--sb-color-warning);
    }
    .text {
      margin: 0 0 var(--sb-space-1);
      line-height: 1.45;
    }
    .todo {
      margin-bottom: 0;
    }
    code {
      font-size: 0.92em;
      padding: 1px 5px;
      border-radius: var(--sb-radius-sm);
      background: var(--sb-color-surface);
      border: 1px solid var(--sb-color-border);
      overflow-wrap: anywhere;
    }
    .actions {
      display: flex;
      gap: var(--sb-space-2);
      margin-top: var(--sb-space-2);
    }
  `,
})
export class PhoneNotices {
  /** From `describePhone`. */
  readonly notices = input.required<readonly PhoneNotice[]>();
  /** A button the agent pressed. */
  readonly act = output<PhoneAction>();
  protected readonly labels = ACTION_LABELS;
  protected readonly withSettings = splitSettings;
}

/** Splits a sentence around configuration names (`SIP_WS_URL`), which are shown as code. */
export function splitSettings(text: string): { text: string; setting: boolean }[] {
  return text
    .split(/\b([A-Z][A-Z0-9]*_[A-Z0-9_]+)\b/)
    .map((part, index) => ({ text: part, setting: index % 2 === 1 }))
    .filter((part) => part.text !== '');
}
