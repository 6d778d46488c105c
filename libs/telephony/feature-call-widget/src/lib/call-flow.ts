import type { WebCallCredentialDto } from '@switchboard/shared/contracts';
import { type CallInfo, CallState, type GuestAccount, type SipInfoMessage } from '@switchboard/telephony/sip-core';
import type { WidgetApi, WidgetRefusal } from './widget-api';

/** Why the browser gave no microphone. */
export type MicrophoneProblem = 'denied' | 'missing' | 'unsupported';

/**
 * What the widget shows. One phase at a time:
 *
 * ```text
 *  loading ─► ready ─click─► requesting ─► microphone ─► connecting ─200─► waiting ─INFO─► connected ─► ended
 *     │                          │              │             │                                          │
 *     ▼                          ▼              ▼             └──── 4xx/5xx, lost ──► ended (failed)     │
 *  closed / unavailable    closed / busy /  no-microphone                                                │
 *                          rate-limited                        ready ◄──────────── "Call again" ─────────┘
 * ```
 */
export type WidgetPhase =
  | { readonly kind: 'loading' }
  | { readonly kind: 'ready'; readonly name: string }
  | { readonly kind: 'closed'; readonly message: string }
  | { readonly kind: 'unavailable'; readonly reason: 'foreign-origin' | 'unavailable' | 'unreachable' }
  | { readonly kind: 'requesting' }
  | { readonly kind: 'microphone' }
  | { readonly kind: 'no-microphone'; readonly problem: MicrophoneProblem }
  | { readonly kind: 'busy'; readonly message: string }
  | { readonly kind: 'rate-limited'; readonly message: string; readonly retryAfterSeconds: number }
  | { readonly kind: 'connecting' }
  | { readonly kind: 'waiting'; readonly since: number; readonly muted: boolean }
  | { readonly kind: 'connected'; readonly since: number; readonly muted: boolean }
  | { readonly kind: 'ended'; readonly by: 'you' | 'them' | 'failure'; readonly statusCode?: number };

/** The part of sip-core's GuestCall the flow uses (a fake in tests). */
export interface PhoneLike {
  dial(account: GuestAccount, target: string, stream?: MediaStream): Promise<CallInfo>;
  hangup(): void;
  mute(): void;
  unmute(): void;
  sendDtmf(digits: string): void;
  on(event: 'changed', listener: (call: CallInfo) => void): () => void;
  on(event: 'info', listener: (info: SipInfoMessage) => void): () => void;
}

/** What the flow needs from the page. */
export interface CallFlowDeps {
  readonly api: WidgetApi;
  readonly buttonId: string;
  readonly newPhone: () => PhoneLike;
  /** The microphone, asked for only now; rejects with the browser's DOMException. */
  readonly microphone: () => Promise<MediaStream>;
  readonly pageUrl: () => string;
  readonly now: () => number;
}

/** The body of FreeSWITCH's SIP INFO when an agent answers (webcall.xml). */
const AGENT_CONNECTED = 'agent-connected';
/** A credential this close to its expiry is not dialled with: a slow microphone prompt asks for a new one. */
const CREDENTIAL_MARGIN_MS = 5_000;

/**
 * The widget's behaviour, without any DOM: asks the API about the button, and on a click gets a credential, then the
 * microphone, then places the call; follows it until it ends. `changed` listeners get every new phase.
 */
export class CallFlow {
  private current: WidgetPhase = { kind: 'loading' };
  private phone?: PhoneLike;
  private readonly listeners = new Set<(phase: WidgetPhase) => void>();
  private name = '';

  constructor(private readonly deps: CallFlowDeps) {}

  get phase(): WidgetPhase {
    return this.current;
  }

  onChange(listener: (phase: WidgetPhase) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Reads whether the button is open (on load, and again after a call). */
  async load(): Promise<void> {
    this.set({ kind: 'loading' });
    const answer = await this.deps.api.status(this.deps.buttonId);
    if (!answer.ok) return this.refused(answer.refusal);
    this.name = answer.value.name;
    if (!answer.value.open) return this.set({ kind: 'closed', message: answer.value.message ?? '' });
    this.set({ kind: 'ready', name: this.name });
  }

  /** The visitor clicked "Call": line first (no microphone prompt when there is none), then microphone, then dial. */
  async call(): Promise<void> {
    if (this.current.kind !== 'ready') return;
    this.set({ kind: 'requesting' });
    let credential = await this.requestCredential();
    if (!credential) return;
    this.set({ kind: 'microphone' });
    let stream: MediaStream;
    try {
      stream = await this.deps.microphone();
    } catch (error) {
      // NotAllowedError / SecurityError (blocked), NotFoundError / NotReadableError (no device), TypeError (no API).
      return this.set({ kind: 'no-microphone', problem: microphoneProblem(error) });
    }
    if (Date.parse(credential.expiresAt) - this.deps.now() < CREDENTIAL_MARGIN_MS) {
      credential = await this.requestCredential();
      if (!credential) return stopStream(stream);
    }
    this.set({ kind: 'connecting' });
    await this.dial(credential, stream);
  }

  hangup(): void {
    this.phone?.hangup();
  }

  toggleMute(): void {
    const phase = this.current;
    if (phase.kind !== 'waiting' && phase.kind !== 'connected') return;
    if (phase.muted) this.phone?.unmute();
    else this.phone?.mute();
    this.set({ ...phase, muted: !phase.muted });
  }

  /** One key of the keypad, sent as an RTP telephone-event. */
  sendDigit(digit: string): void {
    if (this.current.kind === 'waiting' || this.current.kind === 'connected') this.phone?.sendDtmf(digit);
  }

  /** After a call or a refusal: back to the start, reading the button's state again. */
  reset(): Promise<void> {
    this.phone = undefined;
    return this.load();
  }

  private async requestCredential(): Promise<WebCallCredentialDto | undefined> {
    const answer = await this.deps.api.credential(this.deps.buttonId, this.deps.pageUrl());
    if (answer.ok) return answer.value;
    this.refused(answer.refusal);
    return undefined;
  }

  private async dial(credential: WebCallCredentialDto, stream: MediaStream): Promise<void> {
    const phone = this.deps.newPhone();
    this.phone = phone;
    phone.on('changed', (call) => this.followCall(call));
    phone.on('info', (info) => {
      const phase = this.current;
      if (info.body.trim() === AGENT_CONNECTED && phase.kind === 'waiting')
        this.set({ kind: 'connected', since: this.deps.now(), muted: phase.muted });
    });
    try {
      await phone.dial(credential, credential.target, stream);
    } catch {
      // The WebSocket to the SIP server could not be opened (GuestCall stopped the microphone already).
      this.set({ kind: 'ended', by: 'failure' });
    }
  }

  private followCall(call: CallInfo): void {
    const phase = this.current;
    if (call.state === CallState.Established && phase.kind === 'connecting')
      this.set({ kind: 'waiting', since: this.deps.now(), muted: call.muted });
    if (call.state !== CallState.Ended || phase.kind === 'ended') return;
    const answered = phase.kind === 'waiting' || phase.kind === 'connected';
    const by = call.endReason === 'hangup-local' ? 'you' : answered ? 'them' : 'failure';
    this.set({ kind: 'ended', by, statusCode: call.endStatusCode });
  }

  private refused(refusal: WidgetRefusal): void {
    switch (refusal.kind) {
      case 'closed':
        return this.set({ kind: 'closed', message: refusal.message });
      case 'busy':
        return this.set({ kind: 'busy', message: refusal.message });
      case 'rate-limited':
        return this.set({
          kind: 'rate-limited',
          message: refusal.message,
          retryAfterSeconds: refusal.retryAfterSeconds,
        });
      case 'foreign-origin':
      case 'unavailable':
      case 'unreachable':
        return this.set({ kind: 'unavailable', reason: refusal.kind });
    }
  }

  private set(phase: WidgetPhase): void {
    this.current = phase;
    for (const listener of [...this.listeners]) listener(phase);
  }
}

function microphoneProblem(error: unknown): MicrophoneProblem {
  const name = error instanceof Error || (typeof error === 'object' && error !== null) ? (error as Error).name : '';
  if (name === 'NotAllowedError' || name === 'SecurityError') return 'denied';
  if (name === 'NotFoundError' || name === 'NotReadableError' || name === 'OverconstrainedError') return 'missing';
  return 'unsupported';
}

function stopStream(stream: MediaStream): void {
  for (const track of stream.getTracks()) track.stop();
}
