import {
  ChangeDetectionStrategy,
  Component,
  Injector,
  computed,
  effect,
  inject,
  signal,
  untracked,
} from '@angular/core';
import type { SetAgentStatusRequest, SipRegistrationDto, WrapUpRequest } from '@switchboard/shared/contracts';
import { AuthStore } from '@switchboard/shared/data-access-auth';
import type { SipAccount } from '@switchboard/telephony/sip-core';
import { Softphone } from '@switchboard/telephony/sip-angular';
import { AudioSettings } from '../audio-settings/audio-settings';
import { CallControls } from '../call-controls/call-controls';
import { CallEnding, describeCallEnding } from '../call-ending/call-ending';
import { CallHistory } from '../call-history/call-history';
import { Dialpad } from '../dialpad/dialpad';
import { IncomingCall } from '../incoming-call/incoming-call';
import { Ringer } from '../incoming-call/ringer';
import { AgentLiveSocket } from '../agent-socket/agent-live-socket';
import { OwnStatusFollower } from '../agent-socket/own-status-follower';
import { PhoneHealthReporter } from '../phone-health/phone-health-reporter';
import { MicrophoneCheck } from '../phone-notice/microphone-check';
import { PhoneNotices } from '../phone-notice/phone-notices';
import { type PhoneAction, describePhone } from '../phone-notice/phone-view';
import { signOutOfConsole } from '../phone-notice/sign-out';
import { PhoneStatus } from '../phone-status/phone-status';
import { SHORTCUTS, shortcutFor } from '../shortcuts/shortcuts';
import { SipTrace } from '../sip-trace/sip-trace';
import { StatusSelector } from '../status-selector/status-selector';
import { WrapUpForm } from '../wrap-up-form/wrap-up-form';
import { CallCommands, describeFailure } from './call-commands';
import { CONSOLE_DESK } from './console-desk';

/** Tabs of the side panel. */
export type ConsoleTab = 'history' | 'audio' | 'trace' | 'shortcuts';

/** The side panel's tabs, in order, with their labels. */
const CONSOLE_TABS: readonly { id: ConsoleTab; label: string }[] = [
  { id: 'history', label: 'History' },
  { id: 'audio', label: 'Audio' },
  { id: 'trace', label: 'SIP trace' },
  { id: 'shortcuts', label: 'Shortcuts' },
];

/**
 * The SIP account sip-core needs, from the API's registration answer (HA1 + realm: no password in the browser). The
 * API names its PBX, and sip-core's profile of that name fits it (WebSocket port and path, session timers).
 */
export function toSipAccount(registration: SipRegistrationDto): SipAccount {
  return {
    profile: registration.pbx,
    extension: registration.extension,
    domain: registration.domain,
    wsUrl: registration.wsUrl,
    authorizationUser: registration.authorizationUser,
    displayName: registration.displayName,
    ha1: registration.ha1,
    realm: registration.realm,
  };
}

/**
 * The agent's desk: phone and status bar, the call area (ringing call, call controls, wrap-up, dialpad) and a side
 * panel (history, audio, SIP trace, shortcuts). Starts the softphone with the credentials of this login.
 */
@Component({
  selector: 'sb-console-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    PhoneStatus,
    PhoneNotices,
    StatusSelector,
    IncomingCall,
    CallControls,
    CallEnding,
    WrapUpForm,
    Dialpad,
    CallHistory,
    AudioSettings,
    SipTrace,
  ],
  providers: [Ringer, CallCommands, AgentLiveSocket, PhoneHealthReporter, OwnStatusFollower, MicrophoneCheck],
  templateUrl: './console-page.html',
  styleUrl: './console-page.css',
  host: { '(document:keydown)': 'onKey($event)', '(document:pointerdown)': 'ringer.requestNotificationPermission()' },
})
export class ConsolePage {
  protected readonly phone = inject(Softphone);
  protected readonly desk = inject(CONSOLE_DESK);
  protected readonly commands = inject(CallCommands);
  protected readonly ringer = inject(Ringer);
  private readonly microphone = inject(MicrophoneCheck);
  private readonly injector = inject(Injector);
  // Created with the page: reports registration and call quality to supervisors until the page goes.
  private readonly health = inject(PhoneHealthReporter);
  // Created with the page: re-reads the status when it changes elsewhere (mod_callcenter, a supervisor, a tab).
  private readonly statusFollower = inject(OwnStatusFollower);
  protected readonly shortcuts = SHORTCUTS;

  protected readonly tabs = CONSOLE_TABS;
  protected readonly tab = signal<ConsoleTab>('history');
  protected readonly startProblem = signal<string | undefined>(undefined);
  protected readonly statusPending = signal(false);
  protected readonly statusProblem = signal<string | undefined>(undefined);
  protected readonly dialRefusal = signal<string | undefined>(undefined);
  protected readonly wrapUpPending = signal(false);
  protected readonly wrapUpProblem = signal<string | undefined>(undefined);
  /** SIP Call-ID of the current call, or of the last one once it ended (for the trace tab). */
  private readonly tracedCallId = signal<string | undefined>(undefined);

  /** Id of the ended call whose note the agent dismissed. */
  protected readonly dismissedEnding = signal<string | undefined>(undefined);

  protected readonly incoming = this.phone.incomingCall;
  /** What became of the last call that rang here unanswered (answered on another device, or missed). */
  protected readonly ending = computed(() => {
    const call = this.phone.lastEndedCall();
    return call === undefined || call.id === this.dismissedEnding() ? undefined : describeCallEnding(call);
  });
  protected readonly active = this.phone.activeCall;
  /** The phone badge and what is wrong with the phone, with what to do. */
  protected readonly phoneView = computed(() =>
    describePhone({
      registration: this.phone.registration(),
      leadership: this.phone.leadership(),
      unreachable: this.phone.unreachable(),
      wsUrl: this.phone.wsUrl(),
      lastError: this.phone.lastError(),
      microphone: this.microphone.access(),
      startProblem: this.startProblem(),
    }),
  );
  protected readonly wrapUp = computed(() => this.desk.status()?.wrapUp ?? undefined);
  protected readonly traceEntries = computed(() => {
    const callId = this.tracedCallId();
    return callId === undefined ? [] : this.phone.trace().filter((entry) => entry.callId === callId);
  });

  constructor() {
    effect(() => this.ringer.ringFor(this.incoming()));
    effect(() => {
      const sipCallId = this.active()?.sipCallId ?? this.incoming()?.sipCallId;
      if (sipCallId !== undefined) this.tracedCallId.set(sipCallId);
    });
    // A call ending changes the agent's activity (wrap-up) and history on the server: reload both.
    let hadCall = false;
    effect(() => {
      const hasCall = this.active() !== undefined;
      if (hadCall && !hasCall) untracked(() => void this.refreshAfterCall());
      hadCall = hasCall;
    });
    void this.startPhone();
  }

  protected async startPhone(): Promise<void> {
    this.startProblem.set(undefined);
    try {
      const [registration] = await Promise.all([this.desk.sipAccount(), this.desk.refresh()]);
      await this.phone.start(toSipAccount(registration));
    } catch (error) {
      // No extension assigned, API down or registrar refusing: the agent sees why and can retry.
      this.startProblem.set(describeFailure('Connecting the phone', error));
    }
  }

  /** Carries out a button of a phone notice. */
  protected async onPhoneAction(action: PhoneAction): Promise<void> {
    switch (action) {
      case 'retry':
        this.phone.clearError();
        // A started phone (failed or still retrying) is stopped first: start() needs a stopped client.
        await this.phone.stop().catch(() => undefined);
        await this.startPhone();
        return;
      case 'sign-in-again':
        // The session store is looked up only here: the page itself does not need it.
        await signOutOfConsole(this.phone, this.injector.get(AuthStore));
        return;
      case 'check-microphone':
        if (this.phone.lastError()?.name === 'MediaDeviceError') this.phone.clearError();
        await this.microphone.check();
        return;
      case 'dismiss':
        this.phone.clearError();
        return;
    }
  }

  /**
   * Reloads status and history after a call. The API learns of the hang-up from FreeSWITCH, which may be a moment
   * after the browser did: while the server still says ON_CALL, ask again (at most 3 more times, 1 s apart).
   */
  private async refreshAfterCall(): Promise<void> {
    for (let attempt = 0; attempt < 4; attempt++) {
      if (attempt > 0) await new Promise((resolve) => setTimeout(resolve, 1000));
      try {
        await this.desk.refresh();
      } catch {
        return; // The status bar keeps the last known status; the next call end or page load refreshes again.
      }
      if (this.desk.status()?.activity !== 'ON_CALL' || this.active() !== undefined) return;
    }
  }

  protected async changeStatus(request: SetAgentStatusRequest): Promise<void> {
    await this.save(this.statusPending, this.statusProblem, 'Changing status', () => this.desk.setStatus(request));
  }

  protected async saveWrapUp(request: WrapUpRequest): Promise<void> {
    const wrapUp = this.wrapUp();
    if (!wrapUp) return;
    await this.save(this.wrapUpPending, this.wrapUpProblem, 'Saving the wrap-up', () =>
      this.desk.wrapUp(wrapUp.callUuid, request),
    );
  }

  protected async dial(number: string): Promise<void> {
    this.dialRefusal.set(undefined);
    try {
      const check = await this.desk.dialCheck(number);
      if (!check.allowed) {
        this.dialRefusal.set(check.message);
        return;
      }
      await this.commands.dial(check.destination);
    } catch (error) {
      // The check itself failed (network, invalid input): say so rather than dialling unchecked.
      this.dialRefusal.set(describeFailure('Checking the number', error));
    }
  }

  protected onKey(event: KeyboardEvent): void {
    const action = shortcutFor(event);
    if (!action) return;
    const handled =
      (action === 'answer' && this.incoming() !== undefined) ||
      ((action === 'hangup' || action === 'hold' || action === 'mute') &&
        (this.active() ?? this.incoming()) !== undefined);
    if (!handled) return;
    event.preventDefault();
    switch (action) {
      case 'answer':
        void this.commands.answer();
        break;
      case 'hangup':
        this.commands.hangup();
        break;
      case 'hold':
        void this.commands.toggleHold();
        break;
      case 'mute':
        this.commands.toggleMute();
        break;
    }
  }

  private async save(
    pending: ReturnType<typeof signal<boolean>>,
    problem: ReturnType<typeof signal<string | undefined>>,
    action: string,
    work: () => Promise<void>,
  ): Promise<void> {
    pending.set(true);
    problem.set(undefined);
    try {
      await work();
    } catch (error) {
      // API refusals (validation, conflicts) arrive as errors with the server's message: show it beside the form.
      problem.set(describeFailure(action, error));
    } finally {
      pending.set(false);
    }
  }
}
