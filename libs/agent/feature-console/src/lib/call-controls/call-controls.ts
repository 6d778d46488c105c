import { ChangeDetectionStrategy, Component, computed, input, output, signal } from '@angular/core';
import { type CallInfo, CallState } from '@switchboard/telephony/sip-core';
import { KEYPAD_KEYS } from '../dialpad/dialpad';
import { formatDuration, injectNow } from '../util/time';

/** What the agent sees as the state of a call. */
const STATE_LABELS: Readonly<Record<CallState, string>> = {
  [CallState.Dialing]: 'Calling…',
  [CallState.Ringing]: 'Ringing…',
  [CallState.EarlyMedia]: 'Ringing…',
  [CallState.Incoming]: 'Incoming',
  [CallState.Answering]: 'Connecting…',
  [CallState.Established]: 'Connected',
  [CallState.Held]: 'On hold',
  [CallState.Ended]: 'Ended',
};

/** Which kind of transfer the agent is setting up. */
export type TransferMode = 'blind' | 'attended';

/**
 * Controls of the call in progress: timer, hold, mute, DTMF keypad, blind and attended transfer, conference,
 * hang up. A second call (the consultation, or the held original) is shown with what can be done with both.
 */
@Component({
  selector: 'sb-call-controls',
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './call-controls.html',
  styleUrl: './call-controls.css',
})
export class CallControls {
  /** The call the agent talks in. */
  readonly call = input.required<CallInfo>();
  /** The other live call, when there are two (consultation or held original). */
  readonly otherCall = input<CallInfo | undefined>(undefined);
  /** A transfer or renegotiation failure to show. */
  readonly problem = input<string | undefined>(undefined);

  readonly toggleHold = output();
  readonly toggleMute = output();
  readonly dtmf = output<string>();
  readonly blindTransfer = output<string>();
  readonly consult = output<string>();
  /** Join the two calls (attended transfer completes). */
  readonly completeTransfer = output();
  readonly conference = output();
  readonly hangup = output();
  /** Return to the other call (hang up this one and unhold the other). */
  readonly swap = output();

  protected readonly keys = KEYPAD_KEYS;
  protected readonly keypadOpen = signal(false);
  protected readonly transferMode = signal<TransferMode | undefined>(undefined);
  protected readonly transferTarget = signal('');
  protected readonly sentDigits = signal('');
  private readonly now = injectNow();

  protected readonly stateLabel = computed(() => {
    const call = this.call();
    if (call.conferenced) return 'Conference';
    if (call.remoteHold && call.state === CallState.Established) return 'Held by the other side';
    return STATE_LABELS[call.state];
  });
  protected readonly talking = computed(() => {
    const state = this.call().state;
    return state === CallState.Established || state === CallState.Held;
  });
  protected readonly timer = computed(() => {
    const call = this.call();
    return formatDuration(this.now() - (call.answeredAt ?? call.startedAt));
  });
  protected readonly peer = computed(() => this.call().remoteDisplayName || this.call().remoteIdentity);

  protected pressKey(key: string): void {
    this.sentDigits.update((digits) => (digits + key).slice(-24));
    this.dtmf.emit(key);
  }

  protected openTransfer(mode: TransferMode): void {
    this.transferMode.set(this.transferMode() === mode ? undefined : mode);
  }

  protected submitTransfer(event: Event): void {
    event.preventDefault();
    const target = this.transferTarget().trim();
    const mode = this.transferMode();
    if (!target || !mode) return;
    if (mode === 'blind') this.blindTransfer.emit(target);
    else this.consult.emit(target);
    this.transferMode.set(undefined);
    this.transferTarget.set('');
  }
}
