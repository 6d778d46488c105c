import { HttpErrorResponse } from '@angular/common/http';
import { computed, inject, Injectable, signal } from '@angular/core';
import { describeApiError } from '@switchboard/shared/data-access-auth';
import { type CallInfo, CallState } from '@switchboard/telephony/sip-core';
import { Softphone } from '@switchboard/telephony/sip-angular';

const LIVE: ReadonlySet<CallState> = new Set([
  CallState.Dialing,
  CallState.Ringing,
  CallState.EarlyMedia,
  CallState.Answering,
  CallState.Established,
  CallState.Held,
]);

/** Explains a failed command (softphone or API request) in words the agent understands. */
export function describeFailure(action: string, error: unknown): string {
  const detail = error instanceof HttpErrorResponse ? describeApiError(error) : error instanceof Error ? error.message : String(error);
  return `${action} failed: ${detail}`;
}

/**
 * The console's call commands over the softphone store: toggles, transfers and the two-call flows, each turning a
 * rejected promise into a message the call panel shows.
 */
@Injectable()
export class CallCommands {
  private readonly phone = inject(Softphone);
  /** The last failure, for the call panel; cleared by the next command. */
  readonly problem = signal<string | undefined>(undefined);
  /** The live call that is not the active one (held original or consultation). */
  readonly otherCall = computed<CallInfo | undefined>(() => {
    const active = this.phone.activeCall();
    return this.phone.calls().find((call) => call.id !== active?.id && LIVE.has(call.state));
  });

  answer(): Promise<void> {
    const incoming = this.phone.incomingCall();
    if (!incoming) return Promise.resolve();
    // Answering a second call while talking puts the first one on hold, as desk phones do.
    const active = this.phone.activeCall();
    return this.run('Answer', async () => {
      if (active && active.state === CallState.Established) await this.phone.hold(active.id);
      await this.phone.answer(incoming.id);
    });
  }

  reject(): void {
    const incoming = this.phone.incomingCall();
    if (incoming) this.phone.reject(incoming.id);
  }

  /** Hangs up the active call, or rejects a ringing one when there is no active call. */
  hangup(): void {
    const active = this.phone.activeCall();
    if (active) this.phone.hangup(active.id);
    else this.reject();
  }

  toggleHold(): Promise<void> {
    const call = this.phone.activeCall();
    if (!call) return Promise.resolve();
    return call.onHold ? this.run('Resume', () => this.phone.unhold(call.id)) : this.run('Hold', () => this.phone.hold(call.id));
  }

  toggleMute(): void {
    const call = this.phone.activeCall();
    if (!call) return;
    if (call.muted) this.phone.unmute(call.id);
    else this.phone.mute(call.id);
  }

  sendDtmf(digit: string): void {
    const call = this.phone.activeCall();
    if (!call) return;
    this.problem.set(undefined);
    try {
      this.phone.sendDtmf(digit, call.id);
    } catch (error) {
      // InvalidDtmfError or a call that ended meanwhile.
      this.problem.set(describeFailure('Sending the tone', error));
    }
  }

  blindTransfer(target: string): Promise<void> {
    const call = this.phone.activeCall();
    if (!call) return Promise.resolve();
    return this.run(`Transfer to ${target}`, () => this.phone.blindTransfer(target, call.id));
  }

  consult(target: string): Promise<void> {
    const call = this.phone.activeCall();
    if (!call) return Promise.resolve();
    return this.run(`Calling ${target}`, () => this.phone.startConsultation(target, call.id));
  }

  /** Attended transfer: connects the held original caller to the consulted party. */
  completeTransfer(): Promise<void> {
    const pair = this.pair();
    if (!pair) return Promise.resolve();
    return this.run('Transfer', () => this.phone.attendedTransfer(pair.consultation.id, pair.original.id));
  }

  conference(): Promise<void> {
    const pair = this.pair();
    if (!pair) return Promise.resolve();
    return this.run('Conference', () => this.phone.conference(pair.original.id, pair.consultation.id));
  }

  /** Ends the active call and resumes the other one (cancel a consultation). */
  swapBack(): Promise<void> {
    const active = this.phone.activeCall();
    const other = this.otherCall();
    if (!active || !other) return Promise.resolve();
    this.phone.hangup(active.id);
    return this.run('Resume', () => this.phone.unhold(other.id));
  }

  /** Dials after the dial check allowed it. */
  dial(destination: string): Promise<void> {
    return this.run(`Calling ${destination}`, () => this.phone.dial(destination));
  }

  private pair(): { original: CallInfo; consultation: CallInfo } | undefined {
    const consultation = this.phone.activeCall();
    const original = this.otherCall();
    return consultation && original ? { original, consultation } : undefined;
  }

  private async run(action: string, command: () => Promise<unknown>): Promise<void> {
    this.problem.set(undefined);
    try {
      await command();
    } catch (error) {
      // Softphone commands reject with typed errors (state, transfer, renegotiation): show them on the call panel.
      this.problem.set(describeFailure(action, error));
    }
  }
}
