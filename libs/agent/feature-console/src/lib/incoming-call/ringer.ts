import { DestroyRef, inject, Injectable } from '@angular/core';
import type { CallInfo } from '@switchboard/telephony/sip-core';
import { incomingCallFacts } from './incoming-call';

/**
 * Alerts the agent to a ringing call: a ringtone (two-tone WebAudio cadence, no audio file to load) and, when the
 * console's tab is hidden, a browser notification that brings the tab to front when clicked.
 */
@Injectable()
export class Ringer {
  private context: AudioContext | undefined;
  private timer: ReturnType<typeof setInterval> | undefined;
  private notification: Notification | undefined;
  private ringingId: string | undefined;

  constructor() {
    inject(DestroyRef).onDestroy(() => this.stop());
  }

  /** Asks for notification permission once (browsers only allow it from a user gesture, e.g. the first click). */
  requestNotificationPermission(): void {
    if (typeof Notification !== 'undefined' && Notification.permission === 'default') {
      void Notification.requestPermission();
    }
  }

  /** Rings for `call` (no-op when already ringing for it); `undefined` stops ringing. */
  ringFor(call: CallInfo | undefined): void {
    if (call?.id === this.ringingId) return;
    this.stop();
    if (!call) return;
    this.ringingId = call.id;
    this.startTone();
    this.notify(call);
  }

  /** Stops the ringtone and closes the notification. */
  stop(): void {
    this.ringingId = undefined;
    if (this.timer !== undefined) clearInterval(this.timer);
    this.timer = undefined;
    void this.context?.close();
    this.context = undefined;
    this.notification?.close();
    this.notification = undefined;
  }

  private startTone(): void {
    if (typeof AudioContext === 'undefined') return;
    const context = new AudioContext();
    this.context = context;
    const burst = (): void => {
      // UK-style double ring: 0.4 s on, 0.2 s off, 0.4 s on, every 3 s.
      for (const offset of [0, 0.6]) {
        const start = context.currentTime + offset;
        const gain = context.createGain();
        gain.gain.setValueAtTime(0.15, start);
        gain.gain.setValueAtTime(0, start + 0.4);
        gain.connect(context.destination);
        for (const frequency of [400, 450]) {
          const oscillator = context.createOscillator();
          oscillator.frequency.value = frequency;
          oscillator.connect(gain);
          oscillator.start(start);
          oscillator.stop(start + 0.4);
        }
      }
    };
    burst();
    this.timer = setInterval(burst, 3000);
  }

  private notify(call: CallInfo): void {
    if (typeof Notification === 'undefined' || Notification.permission !== 'granted' || !document.hidden) return;
    const facts = incomingCallFacts(call);
    const notification = new Notification(`Incoming call: ${facts.caller}`, {
      body: facts.queue ? `Queue ${facts.queue}` : 'Direct call',
      tag: `sb-call-${call.id}`,
      requireInteraction: true,
    });
    notification.onclick = () => {
      window.focus();
      notification.close();
    };
    this.notification = notification;
  }
}
