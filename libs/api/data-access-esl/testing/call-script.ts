import {
  type Leg,
  type LegSpec,
  channelData,
  enterState,
  initialVariables,
  legTimes,
  setVars,
  snapshotOtherLeg,
} from './leg';
import { addCapturedVariables } from './leg-variables';
import { reportingVariables } from './reporting';
import type { HeaderList, SimEvent } from './wire';

/** An event of a generated call, at its offset from the call's start. */
export interface GeneratedEvent {
  readonly offsetMs: number;
  readonly event: SimEvent & { readonly timestampUs: bigint };
}

/** Channel events the scripts produce. */
export type ChannelEventName =
  | 'CHANNEL_CREATE'
  | 'CHANNEL_ORIGINATE'
  | 'CHANNEL_PROGRESS'
  | 'CHANNEL_PROGRESS_MEDIA'
  | 'CHANNEL_ANSWER'
  | 'CHANNEL_BRIDGE'
  | 'CHANNEL_UNBRIDGE'
  | 'CHANNEL_HOLD'
  | 'CHANNEL_UNHOLD'
  | 'DTMF'
  | 'RECORD_START'
  | 'RECORD_STOP';

/** How a leg hangs up. */
export interface HangupOptions {
  /** Hangup-Cause, e.g. NORMAL_CLEARING. */
  readonly cause: string;
  /** variable_sip_hangup_disposition: recv_bye (the far end hung up), send_bye (FreeSWITCH did)... */
  readonly sipDisposition: string;
  /** variable_endpoint_disposition when it changes at hangup (BLIND_TRANSFER, ATTENDED_TRANSFER). */
  readonly endpointDisposition?: string;
}

/** Domain of the simulated SIP users (presence ids, digest realm). */
export const SIM_DOMAIN = 'switchboard.local';

/**
 * Writes one call's events in order on a timeline (milliseconds from the call's start), updating each leg the way
 * FreeSWITCH 1.11 does (checked against the fs-webrtc-* captures): channel and call states, the profile's
 * Caller-Channel-*-Time values in µs (0 until the thing happened), variables, Other-Leg-* after a link, and the
 * end of a leg in two steps: CHANNEL_HANGUP the moment it hangs up ({@link hangup}), CHANNEL_HANGUP_COMPLETE once it
 * reaches CS_REPORTING ({@link complete}). CHANNEL_DESTROY, which FreeSWITCH fires right after every
 * HANGUP_COMPLETE, is added by the simulator when it sends one (`destroyAfter`): a script holds the events a
 * Switchboard subscriber gets, plus CHANNEL_ORIGINATE and CALL_UPDATE.
 */
export class CallScript {
  readonly events: GeneratedEvent[] = [];
  private nowMs = 0;
  private sessions = 0;

  constructor(readonly startUs: bigint) {}

  /** Current time on the call's timeline, µs since the epoch. */
  get nowUs(): bigint {
    return this.startUs + BigInt(Math.round(this.nowMs * 1000));
  }

  get offsetMs(): number {
    return this.nowMs;
  }

  /** Moves the timeline forward by `ms`. */
  after(ms: number): this {
    this.nowMs += Math.max(0, ms);
    return this;
  }

  /**
   * A new channel, created now. A leg FreeSWITCH originates on behalf of another (`originator`, a bridge) starts
   * with a clone of that leg's caller profile (username, dialplan, network address, RDNIS: fs-webrtc-hold.esl) and
   * belongs to its call from the start (Channel-Call-UUID, variable_originating_leg_uuid, Other-Type originator).
   * Every originated leg calls its destination as `Outbound Call`.
   */
  leg(spec: LegSpec, originator?: Leg): Leg {
    const inbound = spec.direction === 'inbound';
    const leg: Leg = {
      ...spec,
      // A registered SIP user calling in is authenticated by FreeSWITCH (digest), as in every capture.
      username:
        originator?.username ??
        spec.username ??
        (inbound && spec.context === 'default' ? spec.callerIdNumber : undefined),
      dialplan: inbound || originator?.dialplan !== undefined ? 'XML' : undefined,
      networkAddr: originator?.networkAddr ?? spec.networkAddr,
      networkKnown: inbound || originator !== undefined,
      rdnis: originator?.rdnis ?? spec.rdnis,
      presenceId: spec.presenceId,
      calleeName: inbound ? undefined : 'Outbound Call',
      calleeNumber: inbound ? undefined : spec.destination,
      channelState: 'CS_INIT',
      callState: 'DOWN',
      stateNumber: '2',
      answerState: 'ringing',
      callUuid: originator?.uuid ?? spec.uuid,
      hangupCause: undefined,
      hasMedia: false,
      profileIndex: 1,
      profileCreatedUs: this.nowUs,
      transferSource: undefined,
      createdUs: this.nowUs,
      progressUs: 0n,
      progressMediaUs: 0n,
      answeredUs: 0n,
      bridgedUs: 0n,
      hangupUs: 0n,
      reported: false,
      lastHoldUs: 0n,
      holdAccumUs: 0n,
      vars: new Map(),
      other: undefined,
      otherProfile: originator ? snapshotOtherLeg(originator, 'originator') : undefined,
    };
    setVars(leg, initialVariables(leg, ++this.sessions, SIM_DOMAIN));
    if (originator)
      setVars(leg, { originator: originator.uuid, originating_leg_uuid: originator.uuid, originate_endpoint: 'sofia' });
    addCapturedVariables(leg, 'create');
    return leg;
  }

  /** A channel event for `leg`, showing what the event means for the leg (as FreeSWITCH's events do). */
  channel(name: ChannelEventName, leg: Leg, extra: HeaderList = []): this {
    this.before(name, leg);
    const bridge: HeaderList =
      (name === 'CHANNEL_BRIDGE' || name === 'CHANNEL_UNBRIDGE') && leg.other
        ? [
            ['Bridge-A-Unique-ID', leg.uuid],
            ['Bridge-B-Unique-ID', leg.other.uuid],
          ]
        : [];
    this.push({ name, headers: [...bridge, ...channelData(leg, name !== 'DTMF'), ...extra] });
    this.afterEvent(name, leg);
    return this;
  }

  /**
   * CHANNEL_HANGUP: the moment the leg hangs up. It has the cause but no SIP disposition yet, and its
   * Caller-Channel-Hangup-Time is still 0: FreeSWITCH sets that when the leg reaches CS_REPORTING.
   */
  hangup(leg: Leg, options: HangupOptions): this {
    if (options.endpointDisposition) setVars(leg, { endpoint_disposition: options.endpointDisposition });
    addCapturedVariables(leg, 'hangup');
    Object.assign(leg, { hangupCause: options.cause, answerState: 'hangup', stateNumber: '10', hangupUs: this.nowUs });
    this.push({ name: 'CHANNEL_HANGUP', headers: channelData(leg) });
    // Known once the BYE was handled: the next events of the leg carry it (CHANNEL_UNBRIDGE in fs-webrtc-queue.esl).
    setVars(leg, { sip_hangup_disposition: options.sipDisposition });
    return this;
  }

  /**
   * The leg reaches CS_REPORTING: its CDR variables are set (times, durations, cause), Caller-Channel-Hangup-Time
   * shows the hangup moment, and CHANNEL_HANGUP_COMPLETE follows. `vars` are set first. With mod_json_cdr,
   * FreeSWITCH fires CHANNEL_HANGUP_COMPLETE only after the CDR post: the simulator's `cdr` option holds it until then.
   */
  complete(leg: Leg, vars: Readonly<Record<string, string>> = {}): this {
    const cause = leg.hangupCause ?? 'NORMAL_CLEARING';
    Object.assign(leg, { reported: true, callState: 'HANGUP', callUuid: leg.uuid });
    enterState(leg, 'CS_REPORTING');
    setVars(leg, { ...vars, call_uuid: leg.uuid });
    setVars(
      leg,
      reportingVariables({
        times: legTimes(leg),
        cause,
        callerIdName: leg.callerIdName,
        callerIdNumber: leg.callerIdNumber,
      }),
    );
    addCapturedVariables(leg, 'reporting');
    return this.push({ name: 'CHANNEL_HANGUP_COMPLETE', headers: [['Hangup-Cause', cause], ...channelData(leg)] });
  }

  /**
   * A new caller profile, as a transfer makes one (mod_callcenter's uuid_bridge of caller and agent, a blind
   * transfer): the index goes up, the new profile starts now and is not bridged yet, and the old one keeps its times
   * (the CDR lists both).
   */
  newProfile(leg: Leg, transferSource: string, transfer?: { readonly destination: string; readonly by: string }): this {
    Object.assign(leg, {
      profileIndex: leg.profileIndex + 1,
      profileCreatedUs: this.nowUs,
      transferSource,
      bridgedUs: 0n,
      otherProfile: undefined,
    });
    if (transfer) Object.assign(leg, { destination: transfer.destination, rdnis: transfer.by });
    return this;
  }

  /**
   * A CUSTOM callcenter::info event. CC-Action goes after a leading CC-Queue or CC-Agent, as mod_callcenter writes
   * it; with a leg, the leg's channel data (variables included) comes first.
   */
  callcenter(action: string, headers: HeaderList, leg?: Leg): this {
    const [first, ...rest] = headers;
    const leads = first !== undefined && (first[0] === 'CC-Queue' || first[0] === 'CC-Agent');
    const ordered: HeaderList =
      first && leads ? [first, ['CC-Action', action], ...rest] : [['CC-Action', action], ...headers];
    return this.push({
      name: 'CUSTOM',
      subclass: 'callcenter::info',
      headers: [...(leg ? channelData(leg) : []), ...ordered],
    });
  }

  /**
   * CALL_UPDATE: mod_sofia tells a leg's phone whom it is now talking to, right after a bridge. Switchboard does not
   * subscribe to it; it matters because it carries the variables set around the bridge (cc_agent, bridge_uuid), so
   * `uuid_dump` shows them, as on a real FreeSWITCH.
   */
  callUpdate(leg: Leg): this {
    const other = leg.other;
    const peer: HeaderList = other
      ? [
          ['Sent-Callee-ID-Name', other.callerIdName],
          ['Sent-Callee-ID-Number', other.callerIdNumber],
          ['Bridged-To', other.uuid],
        ]
      : [];
    return this.push({ name: 'CALL_UPDATE', headers: [['Direction', 'SEND'], ...peer, ...channelData(leg)] });
  }

  /** Any CUSTOM event (sofia::register...). */
  custom(subclass: string, headers: HeaderList): this {
    return this.push({ name: 'CUSTOM', subclass, headers });
  }

  /**
   * Links the A leg `a` and the leg `b` it is bridged to: each names the other, and each keeps a copy of the other's
   * profile (the originated leg's copy is taken first, before the A leg learns its callee).
   */
  link(a: Leg, b: Leg): void {
    // A leg originated for `a` refreshes its copy once `a` knows its callee (fs-webrtc-hold.esl); legs joined later
    // by uuid_bridge keep the copy from before (fs-webrtc-queue.esl).
    const originated = b.otherProfile !== undefined;
    if (!originated) b.otherProfile = snapshotOtherLeg(a, 'originator');
    a.other = b;
    b.other = a;
    a.calleeName = b.callerIdName === a.callerIdName ? 'Outbound Call' : b.callerIdName;
    a.calleeNumber = b.destination;
    a.otherProfile = snapshotOtherLeg(b, 'originatee');
    if (originated) b.otherProfile = snapshotOtherLeg(a, 'originator');
  }

  private push(event: SimEvent): this {
    this.events.push({ offsetMs: this.nowMs, event: { ...event, timestampUs: this.nowUs } });
    return this;
  }

  /** What the event itself shows changed. */
  private before(name: ChannelEventName, leg: Leg): void {
    const now = this.nowUs;
    const inbound = leg.direction === 'inbound';
    if (name === 'CHANNEL_PROGRESS' || name === 'CHANNEL_PROGRESS_MEDIA' || name === 'CHANNEL_ANSWER')
      addCapturedVariables(leg, 'media');
    if (name === 'CHANNEL_BRIDGE') addCapturedVariables(leg, 'hangup');
    switch (name) {
      case 'CHANNEL_PROGRESS':
        Object.assign(leg, { progressUs: now, networkKnown: true });
        enterState(leg, inbound ? 'CS_EXECUTE' : 'CS_CONSUME_MEDIA');
        // An inbound leg rings (180) before the event; an originated one learns it from the event.
        if (inbound) leg.callState = 'RINGING';
        return;
      case 'CHANNEL_PROGRESS_MEDIA':
        Object.assign(leg, { progressMediaUs: now, answerState: 'early', hasMedia: true, networkKnown: true });
        enterState(leg, inbound ? 'CS_EXECUTE' : 'CS_CONSUME_MEDIA');
        if (inbound && leg.callState === 'DOWN') leg.callState = 'RINGING';
        setVars(leg, { endpoint_disposition: 'EARLY MEDIA' });
        return;
      case 'CHANNEL_ANSWER':
        Object.assign(leg, { answeredUs: now, answerState: 'answered', hasMedia: true, networkKnown: true });
        return;
      case 'CHANNEL_BRIDGE':
        leg.bridgedUs = now;
        if (leg.other) {
          leg.other.bridgedUs = now;
          enterState(leg.other, 'CS_EXCHANGE_MEDIA');
        }
        setVars(leg, { endpoint_disposition: 'ANSWER' });
        return;
      case 'CHANNEL_HOLD':
        Object.assign(leg, { lastHoldUs: now, callState: 'HELD' });
        return;
      case 'CHANNEL_UNHOLD':
        Object.assign(leg, { holdAccumUs: leg.holdAccumUs + (now - leg.lastHoldUs), callState: 'UNHELD' });
        return;
      case 'CHANNEL_CREATE':
      case 'CHANNEL_ORIGINATE':
      case 'CHANNEL_UNBRIDGE':
      case 'DTMF':
      case 'RECORD_START':
      case 'RECORD_STOP':
        return;
    }
  }

  /** What FreeSWITCH changes only after firing the event (the call state the next events show). */
  private afterEvent(name: ChannelEventName, leg: Leg): void {
    switch (name) {
      case 'CHANNEL_PROGRESS':
        leg.callState = 'RINGING';
        return;
      case 'CHANNEL_PROGRESS_MEDIA':
        leg.callState = 'EARLY';
        return;
      case 'CHANNEL_ANSWER':
      case 'CHANNEL_UNHOLD':
        leg.callState = 'ACTIVE';
        return;
      case 'CHANNEL_UNBRIDGE':
        leg.vars.delete('bridge_to');
        leg.other = undefined;
        return;
      case 'CHANNEL_CREATE':
      case 'CHANNEL_ORIGINATE':
      case 'CHANNEL_BRIDGE':
      case 'CHANNEL_HOLD':
      case 'DTMF':
      case 'RECORD_START':
      case 'RECORD_STOP':
        return;
    }
  }
}
