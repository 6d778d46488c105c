import { ChangeDetectionStrategy, Component, input, output } from '@angular/core';
import { type CallInfo, CallState } from '@switchboard/telephony/sip-core';
import { incomingCallFacts } from '../incoming-call/incoming-call';

/** How a call that rang here and was not answered here ended (also its `data-kind` on screen). */
export type CallEndingKind = 'answered-elsewhere' | 'missed';

/** What the console says about a ringing call that went away without the agent answering it on this device. */
export interface CallEndingView {
  readonly kind: CallEndingKind;
  readonly title: string;
  readonly text: string;
}

/** Caller as the popup showed it: name and number, or just the number when the PBX sent no name. */
function callerOf(call: CallInfo): string {
  const { caller, number } = incomingCallFacts(call);
  return caller === number ? caller : `${caller} (${number})`;
}

/**
 * The note for a call that ended while it was still ringing here: "answered on another device" when the PBX's CANCEL
 * said so (`endReason` `answered-elsewhere`), "missed" when the caller gave up or the PBX stopped ringing
 * (`canceled`, `no-answer`). Nothing for calls the agent answered, rejected or placed: the agent knows how those ended.
 */
export function describeCallEnding(call: CallInfo): CallEndingView | undefined {
  if (call.state !== CallState.Ended || call.direction !== 'incoming' || call.answeredAt !== undefined)
    return undefined;
  switch (call.endReason) {
    case 'answered-elsewhere':
      return {
        kind: 'answered-elsewhere',
        title: 'Answered on another device',
        text: `The call from ${callerOf(call)} was answered on another device signed in as you, not missed.`,
      };
    case 'canceled':
    case 'no-answer':
      return {
        kind: 'missed',
        title: 'Missed call',
        text: `${callerOf(call)} stopped ringing before you answered.`,
      };
    case undefined:
    case 'hangup-local':
    case 'hangup-remote':
    case 'rejected':
    case 'busy':
    case 'unavailable':
    case 'not-found':
    case 'transferred':
    case 'media-failed':
    case 'network':
    case 'failed':
      return undefined;
  }
}

/** The note about the last call that rang here and ended unanswered here, until dismissed or the next call. */
@Component({
  selector: 'sb-call-ending',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <section class="ending" role="status" data-testid="call-ending" [attr.data-kind]="ending().kind">
      <h2 class="title" data-testid="call-ending-title">{{ ending().title }}</h2>
      <p class="text" data-testid="call-ending-text">{{ ending().text }}</p>
      <button type="button" class="sb-btn sb-btn--small" data-testid="call-ending-dismiss" (click)="dismiss.emit()">
        Dismiss
      </button>
    </section>
  `,
  styles: `
    .ending {
      display: grid;
      gap: var(--sb-space-1);
      padding: var(--sb-space-3) var(--sb-space-4);
      border: 1px solid var(--sb-color-border);
      border-left-width: 4px;
      border-radius: var(--sb-radius);
      background: var(--sb-color-surface-muted);
      margin-bottom: var(--sb-space-3);
      justify-items: start;
    }
    .ending[data-kind='missed'] {
      border-left-color: var(--sb-color-warning);
    }
    .ending[data-kind='answered-elsewhere'] {
      border-left-color: var(--sb-color-success);
    }
    .title {
      margin: 0;
      font-size: 15px;
    }
    .text {
      margin: 0;
      line-height: 1.45;
    }
  `,
})
export class CallEnding {
  /** From `describeCallEnding`. */
  readonly ending = input.required<CallEndingView>();
  /** The agent has read it. */
  readonly dismiss = output();
}
