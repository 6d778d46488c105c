import { DestroyRef, Injectable, inject, signal } from '@angular/core';
import { type MicrophoneAccess, microphoneAccessFrom } from './phone-view';

/**
 * Asks for the microphone once when the console opens (and on "Check again", and when devices change), so an agent
 * learns of a blocked or missing microphone before a caller does, and the first call does not wait on a prompt.
 * The stream is closed at once. Provided by the console page.
 */
@Injectable()
export class MicrophoneCheck {
  private readonly state = signal<MicrophoneAccess>('unknown');
  /** The outcome of the last check. */
  readonly access = this.state.asReadonly();

  constructor() {
    const media = globalThis.navigator?.mediaDevices;
    const recheck = (): void => void this.check();
    // A headset plugged in (or out) changes the answer; so does the agent allowing the site in the browser's settings.
    media?.addEventListener?.('devicechange', recheck);
    inject(DestroyRef).onDestroy(() => media?.removeEventListener?.('devicechange', recheck));
    void this.check();
  }

  /** Opens and closes the microphone; resolves with what it learnt. */
  async check(): Promise<MicrophoneAccess> {
    const media = globalThis.navigator?.mediaDevices;
    if (!media?.getUserMedia) {
      this.state.set('unsupported');
      return 'unsupported';
    }
    try {
      const stream = await media.getUserMedia({ audio: true, video: false });
      stream.getTracks().forEach((track) => track.stop());
      this.state.set('ok');
    } catch (error) {
      // A DOMException whose name says why (NotAllowedError, NotFoundError, NotReadableError…).
      this.state.set(microphoneAccessFrom((error as { name?: string } | undefined)?.name));
    }
    return this.state();
  }
}
