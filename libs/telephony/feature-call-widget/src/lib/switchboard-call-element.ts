import { GuestCall } from '@switchboard/telephony/sip-core';
import { CallFlow, type PhoneLike, type WidgetPhase } from './call-flow';
import { WidgetApi } from './widget-api';
import { WIDGET_STYLES } from './widget-styles';
import { formatTimer, phaseView } from './widget-text';

/** The tag sites put on their pages: `<switchboard-call button="BUTTON-ID"></switchboard-call>`. */
export const ELEMENT_NAME = 'switchboard-call';
const KEYS = ['1', '2', '3', '4', '5', '6', '7', '8', '9', '*', '0', '#'] as const;

const TEMPLATE = `
<div class="card" part="card">
  <p class="status" part="status" role="status" aria-live="polite" data-testid="switchboard-call-status"></p>
  <p class="detail" part="detail" data-testid="switchboard-call-detail"></p>
  <p class="timer" part="timer" role="timer" data-testid="switchboard-call-timer"></p>
  <button type="button" class="call" part="call-button" data-testid="switchboard-call-start"></button>
  <div class="controls" part="controls">
    <button type="button" class="mute" aria-pressed="false" data-testid="switchboard-call-mute">Mute</button>
    <button type="button" class="keys" aria-expanded="false" data-testid="switchboard-call-keypad-toggle">Keypad</button>
    <button type="button" class="hangup" part="hangup-button" data-testid="switchboard-call-hangup">Hang up</button>
  </div>
  <div class="keypad" role="group" aria-label="Keypad" part="keypad">
    ${KEYS.map((key) => `<button type="button" data-key="${key}" data-testid="switchboard-call-key-${key === '*' ? 'star' : key === '#' ? 'hash' : key}">${key}</button>`).join('')}
  </div>
</div>`;

/** Where the API is: the `api` attribute, else the origin the widget's own script was loaded from. */
const SCRIPT_ORIGIN = (() => {
  const script = typeof document === 'undefined' ? null : document.currentScript;
  try {
    return script instanceof HTMLScriptElement && script.src ? new URL(script.src).origin : '';
  } catch {
    // TypeError: an unusual src; the `api` attribute (or the page's own origin) applies then.
    return '';
  }
})();

/**
 * `<switchboard-call button="…" api="https://cc.example.com">`: a click-to-call card. It asks for the microphone
 * only when the visitor clicks, says in plain words what is happening, and offers mute, a keypad and hang-up
 * during the call. Everything lives in an open shadow root; sites style it with `--switchboard-call-*` properties.
 */
export class SwitchboardCallElement extends HTMLElement {
  private flow?: CallFlow;
  private phase: WidgetPhase = { kind: 'loading' };
  private ticker?: ReturnType<typeof setInterval>;
  private keypadOpen = false;
  private readonly root: ShadowRoot;

  constructor() {
    super();
    this.root = this.attachShadow({ mode: 'open' });
    const style = document.createElement('style');
    style.textContent = WIDGET_STYLES;
    this.root.append(style);
    const body = document.createElement('div');
    body.innerHTML = TEMPLATE;
    this.root.append(...body.childNodes);
    this.el('.call').addEventListener('click', () => void this.onCallClick());
    this.el('.hangup').addEventListener('click', () => this.flow?.hangup());
    this.el('.mute').addEventListener('click', () => this.flow?.toggleMute());
    this.el('.keys').addEventListener('click', () => {
      this.keypadOpen = !this.keypadOpen;
      this.render();
    });
    for (const key of this.root.querySelectorAll<HTMLButtonElement>('[data-key]'))
      key.addEventListener('click', () => this.flow?.sendDigit(key.dataset['key'] ?? ''));
  }

  connectedCallback(): void {
    const buttonId = this.getAttribute('button') ?? '';
    const api = (this.getAttribute('api') ?? SCRIPT_ORIGIN) || location.origin;
    const flow = new CallFlow({
      api: new WidgetApi(api.replace(/\/+$/, '')),
      buttonId,
      newPhone: () => new GuestCall() as PhoneLike,
      microphone: () => openMicrophone(),
      pageUrl: () => location.href,
      now: () => Date.now(),
    });
    this.flow = flow;
    flow.onChange((phase) => {
      this.phase = phase;
      if (phase.kind !== 'waiting' && phase.kind !== 'connected') this.keypadOpen = false;
      this.render();
    });
    this.ticker = setInterval(() => this.renderTimer(), 1000);
    this.render();
    void flow.load();
  }

  disconnectedCallback(): void {
    this.flow?.hangup();
    this.flow = undefined;
    clearInterval(this.ticker);
  }

  private async onCallClick(): Promise<void> {
    const flow = this.flow;
    if (!flow) return;
    if (flow.phase.kind !== 'ready') await flow.reset();
    await flow.call();
  }

  private render(): void {
    const view = phaseView(this.phase);
    const status = this.el('.status');
    status.textContent = view.status;
    status.classList.toggle('problem', view.problem);
    this.root.host.setAttribute('data-phase', this.phase.kind);
    const detail = this.el('.detail');
    detail.textContent = view.detail;
    detail.hidden = view.detail === '';
    const call = this.el('.call');
    call.textContent = view.callLabel ?? '';
    call.hidden = view.callLabel === null;
    this.el('.controls').hidden = !view.inCall;
    const muted = (this.phase.kind === 'waiting' || this.phase.kind === 'connected') && this.phase.muted;
    const mute = this.el('.mute');
    mute.setAttribute('aria-pressed', String(muted));
    mute.textContent = muted ? 'Unmute' : 'Mute';
    const answered = this.phase.kind === 'waiting' || this.phase.kind === 'connected';
    this.el('.mute').hidden = !answered;
    this.el('.keys').hidden = !answered;
    this.el('.keys').setAttribute('aria-expanded', String(this.keypadOpen));
    this.el('.keypad').hidden = !(answered && this.keypadOpen);
    this.renderTimer();
  }

  private renderTimer(): void {
    const since = phaseView(this.phase).timerSince;
    const timer = this.el('.timer');
    timer.hidden = since === null;
    timer.textContent = since === null ? '' : formatTimer(Date.now() - since);
  }

  private el(selector: string): HTMLElement {
    const element = this.root.querySelector<HTMLElement>(selector);
    if (!element) throw new Error(`switchboard-call: ${selector} missing from the template`);
    return element;
  }
}

/** The microphone with the processing a phone call wants; rejects with the browser's reason. */
function openMicrophone(): Promise<MediaStream> {
  const media = globalThis.navigator?.mediaDevices;
  if (!media?.getUserMedia) return Promise.reject(new TypeError('no getUserMedia on this page'));
  return media.getUserMedia({
    audio: { echoCancellation: true, noiseSuppression: true, autoGainControl: true },
    video: false,
  });
}

/** Registers `<switchboard-call>` once (a page may load the script twice). */
export function defineSwitchboardCall(): void {
  if (!customElements.get(ELEMENT_NAME)) customElements.define(ELEMENT_NAME, SwitchboardCallElement);
}
