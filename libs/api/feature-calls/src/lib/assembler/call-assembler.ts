import type { CallDirection } from '@switchboard/shared/contracts';
import { AppliedEvents } from './applied-events';
import { type CallRecord, type CallState, toCallRecord } from './call-state';
import { queueOutcomeOf } from './queue-outcome';
import type { EslEvent } from '@switchboard/api/data-access-esl';
import { channelTimeUs, headerOf } from './switch-event';
import { webCallOf } from './web-call';

/** Calls kept after they ended, so late events of their other legs still find them. */
const ENDED_CALLS_KEPT = 5_000;

/**
 * Builds one call record per call from the FreeSWITCH event flow, across all legs: the A leg starts the call,
 * agent and bridged legs join it (through mod_callcenter's member session, Channel-Call-UUID or the originating
 * leg), and callcenter::info events add queue, agent and outcome. Deterministic and idempotent: an event already
 * applied (same Core-UUID and Event-Sequence) is ignored, so replaying a stream changes nothing.
 */
export class CallAssembler {
  private readonly calls = new Map<string, CallState>();
  private readonly channelToCall = new Map<string, string>();
  private readonly applied = new AppliedEvents();
  private readonly ended: string[] = [];
  /** Originated legs not yet linked to a call, with their CHANNEL_CREATE. */
  private readonly pendingLegs = new Map<string, EslEvent>();
  /**
   * Loopback A legs in the call of their B leg (see {@link joinLoopbackPartner}): grouped with it, but their events
   * say nothing of the call (the B leg is the caller, and the A leg's answer is not an agent's).
   */
  private readonly loopbackPartners = new Set<string>();

  /** Applies one event; returns the uuid of the call it changed, if any, and the call uuid the event belongs to. */
  apply(event: EslEvent): { changed?: string; callUuid?: string } {
    if (!this.applied.firstTime(event.coreUuid, event.sequence)) return {};
    if (event.name === 'CUSTOM') {
      return event.subclass === 'callcenter::info' ? this.applyCallcenter(event) : {};
    }
    const channel = event.channelUuid;
    if (
      !channel ||
      (!event.name.startsWith('CHANNEL_') && !['DTMF', 'RECORD_START', 'RECORD_STOP'].includes(event.name))
    )
      return {};
    const call = this.callFor(channel, event);
    if (!call) return {};
    if (this.loopbackPartners.has(channel)) {
      if (event.name === 'CHANNEL_HANGUP_COMPLETE') this.loopbackPartners.delete(channel);
      return { callUuid: call.uuid };
    }
    const changed = this.applyChannelEvent(call, channel, event);
    return { changed: changed ? call.uuid : undefined, callUuid: call.uuid };
  }

  /**
   * Takes in a channel that was already up when we first heard of it (the API restarted mid-call, or events were
   * missed while ESL was down), from its CHANNEL_DATA (`uuid_dump UUID json`), which carries FreeSWITCH's own times
   * and the channel's variables. Adopt A legs before the legs that point at them. Returns the call it changed; a
   * channel already followed changes nothing.
   */
  adopt(dump: EslEvent): string | undefined {
    const channel = dump.channelUuid;
    if (!channel || this.channelToCall.has(channel)) return undefined;
    const parent =
      headerOf(dump, 'variable_cc_member_session_uuid') ??
      different(headerOf(dump, 'Channel-Call-UUID'), channel) ??
      headerOf(dump, 'variable_originating_leg_uuid');
    const parentCall = parent !== undefined ? this.channelToCall.get(parent) : undefined;
    const loopbackPartner = headerOf(dump, 'variable_other_loopback_leg_uuid');
    let call: CallState | undefined;
    if (parentCall) call = this.join(parentCall, channel);
    else if (headerOf(dump, 'variable_loopback_leg') === 'A' && loopbackPartner !== undefined) {
      // A loopback A leg: grouped with its B leg's call, now or when the B leg is adopted.
      const partnerCall = this.channelToCall.get(loopbackPartner);
      if (partnerCall) return this.joinLoopbackPartner(partnerCall, channel)?.uuid;
      this.pendingLegs.set(channel, dump);
      return undefined;
    } else if (parent !== undefined && headerOf(dump, 'Call-Direction') === 'outbound') {
      // Its A leg is unknown: wait for a link, as for a CHANNEL_CREATE of an originated leg.
      this.pendingLegs.set(channel, dump);
      return undefined;
    } else call = this.startCall(channel, dump);
    if (!call) return undefined;
    this.applyDump(call, channel, dump);
    return call.uuid;
  }

  /** The current record of a call. */
  record(uuid: string): CallRecord | undefined {
    const state = this.calls.get(uuid);
    return state && toCallRecord(state);
  }

  /** Which call a channel belongs to, when known. */
  callOf(channel: string): string | undefined {
    return this.channelToCall.get(channel);
  }

  /** Calls in progress (not ended). */
  get activeCount(): number {
    return this.calls.size - this.ended.length;
  }

  private callFor(channel: string, event: EslEvent): CallState | undefined {
    const known = this.channelToCall.get(channel);
    if (known) return this.calls.get(known);
    const parent =
      headerOf(event, 'variable_cc_member_session_uuid') ??
      different(headerOf(event, 'Channel-Call-UUID'), channel) ??
      headerOf(event, 'variable_originating_leg_uuid') ??
      headerOf(event, 'Other-Leg-Unique-ID');
    const parentCall = parent !== undefined ? this.channelToCall.get(parent) : undefined;
    if (parentCall) return this.join(parentCall, channel);
    const loopbackCall = this.loopbackCallOf(event);
    if (loopbackCall) return this.joinLoopbackPartner(loopbackCall, channel);
    const pending = this.pendingLegs.get(channel);
    if (event.name === 'CHANNEL_CREATE' && headerOf(event, 'Call-Direction') === 'outbound') {
      // A leg FreeSWITCH originated (a bridge target, an agent's phone) usually learns its A leg only later
      // (CHANNEL_BRIDGE, bridge-agent-start). Wait for that link rather than make a call of every such leg.
      this.pendingLegs.set(channel, event);
      // A leg whose hangup we never saw must not stay forever: forget the oldest beyond the bound.
      if (this.pendingLegs.size > ENDED_CALLS_KEPT) this.pendingLegs.delete(this.pendingLegs.keys().next().value ?? '');
      return undefined;
    }
    if (pending && event.name === 'CHANNEL_HANGUP_COMPLETE') {
      // Never linked: FreeSWITCH placed this call itself (originate). It is a call of its own.
      this.pendingLegs.delete(channel);
      return this.startCall(channel, pending);
    }
    // Only a channel's first event starts a call; a late event of an unknown channel (its call ended long ago,
    // or we connected mid-call) would make a record with a wrong start.
    if (event.name !== 'CHANNEL_CREATE') return undefined;
    return this.startCall(channel, event);
  }

  /** The call of an originated loopback A leg whose B leg FreeSWITCH announced first. */
  private loopbackCallOf(event: EslEvent): string | undefined {
    if (event.name !== 'CHANNEL_CREATE' || headerOf(event, 'Call-Direction') !== 'outbound') return undefined;
    const partner = headerOf(event, 'variable_other_loopback_leg_uuid');
    return partner === undefined ? undefined : this.channelToCall.get(partner);
  }

  /**
   * `originate loopback/<number>` (the demo's callers, a campaign dialling into a queue) makes two channels: an
   * outbound A leg that plays the caller's side, and an inbound B leg, created from it, that runs the dialplan and
   * waits in the queue. They are linked only by `other_loopback_leg_uuid`, never by a bridge, so without this the
   * A leg would end as a call of its own: two rows on the floor and two records for one call. Either CHANNEL_CREATE
   * may come first (each leg runs on its own thread).
   */
  private joinLoopbackPartner(callUuid: string, partner: string): CallState | undefined {
    this.loopbackPartners.add(partner);
    if (this.loopbackPartners.size > ENDED_CALLS_KEPT)
      this.loopbackPartners.delete(this.loopbackPartners.values().next().value ?? '');
    return this.join(callUuid, partner);
  }

  /** Adds a leg to a call (once). */
  private join(callUuid: string, channel: string): CallState | undefined {
    const call = this.calls.get(callUuid);
    if (!call) return undefined;
    this.pendingLegs.delete(channel);
    if (!this.channelToCall.has(channel)) {
      call.channels.push(channel);
      this.channelToCall.set(channel, call.uuid);
    }
    return call;
  }

  private startCall(channel: string, event: EslEvent): CallState {
    const created = headerOf(event, 'Caller-Channel-Created-Time');
    const call: CallState = {
      uuid: channel,
      node: event.coreUuid,
      channels: [channel],
      direction: directionOf(event),
      fromNumber: headerOf(event, 'Caller-Caller-ID-Number'),
      fromName: headerOf(event, 'Caller-Caller-ID-Name'),
      toNumber: headerOf(event, 'Caller-Destination-Number'),
      startedUs: created && created !== '0' ? BigInt(created) : event.timestampUs,
      holdUs: 0n,
      heldSince: new Map(),
      web: webCallOf((name) => headerOf(event, `variable_${name}`)),
    };
    this.calls.set(channel, call);
    this.channelToCall.set(channel, channel);
    // The B leg of a loopback pair whose A leg is waiting for a link: one call (see joinLoopbackPartner).
    const partner = headerOf(event, 'variable_other_loopback_leg_uuid');
    if (partner && this.pendingLegs.has(partner)) this.joinLoopbackPartner(call.uuid, partner);
    return call;
  }

  private applyChannelEvent(call: CallState, channel: string, event: EslEvent): boolean {
    const isALeg = channel === call.uuid;
    const at = event.timestampUs;
    switch (event.name) {
      case 'CHANNEL_ANSWER':
        if (isALeg) call.answeredUs ??= channelTimeUs(event, 'Caller-Channel-Answered-Time');
        else call.toName ??= headerOf(event, 'Caller-Callee-ID-Name');
        return true;
      case 'CHANNEL_BRIDGE': {
        call.bridgedUs ??= channelTimeUs(event, 'Caller-Channel-Bridged-Time');
        const other = headerOf(event, 'Other-Leg-Unique-ID');
        if (other && this.pendingLegs.has(other)) this.join(call.uuid, other);
        return true;
      }
      case 'CHANNEL_HOLD':
        if (!call.heldSince.has(channel)) call.heldSince.set(channel, at);
        return true;
      case 'CHANNEL_UNHOLD':
        if (!call.heldSince.has(channel)) return false;
        this.closeHold(call, channel, at);
        return true;
      case 'RECORD_START':
        call.recordingPath ??= headerOf(event, 'Record-File-Path');
        return true;
      case 'CHANNEL_HANGUP':
        // Fired the moment the channel hangs up, so the record is complete at once even when CHANNEL_HANGUP_COMPLETE
        // waits for mod_json_cdr. It has the cause but not yet the SIP disposition (which side hung up).
        if (!isALeg || call.endedUs !== undefined) return false;
        this.closeHold(call, channel, at);
        call.endedUs = at;
        call.hangupCause = headerOf(event, 'Hangup-Cause');
        return true;
      case 'CHANNEL_HANGUP_COMPLETE':
        return this.applyHangup(call, channel, isALeg, event);
      default:
        return false;
    }
  }

  private applyHangup(call: CallState, channel: string, isALeg: boolean, event: EslEvent): boolean {
    const disposition = headerOf(event, 'variable_sip_hangup_disposition');
    const endedUs = channelTimeUs(event, 'Caller-Channel-Hangup-Time');
    this.closeHold(call, channel, endedUs);
    if (!isALeg) {
      call.otherLegEnded ??= { atUs: endedUs, farEndHungUp: disposition?.startsWith('recv_') ?? false };
      return false;
    }
    call.endedUs = endedUs;
    call.hangupCause = headerOf(event, 'Hangup-Cause') ?? call.hangupCause;
    if (disposition?.startsWith('recv_')) call.hangupSide = 'CALLER';
    else if (call.otherLegEnded?.farEndHungUp) call.hangupSide = 'CALLEE';
    else if (disposition?.startsWith('send_')) call.hangupSide = 'SYSTEM';
    this.markEnded(call.uuid);
    return true;
  }

  /** What a CHANNEL_DATA says had already happened to the channel. */
  private applyDump(call: CallState, channel: string, dump: EslEvent): void {
    const time = (name: string): bigint | undefined => {
      const value = headerOf(dump, name);
      return value && /^[1-9]\d{0,19}$/.test(value) ? BigInt(value) : undefined;
    };
    if (channel === call.uuid) {
      call.answeredUs ??= time('Caller-Channel-Answered-Time');
      call.bridgedUs ??= time('Caller-Channel-Bridged-Time');
      call.queueName ??= headerOf(dump, 'variable_cc_queue');
      const joined = time('variable_cc_queue_joined_epoch');
      if (joined !== undefined) call.queueJoinedUs ??= joined * 1_000_000n;
      call.agentName ??= headerOf(dump, 'variable_cc_agent');
    } else {
      // An agent's leg knows the agent (mod_callcenter set cc_agent when it called them) and who answered; a leg
      // still ringing is an offer, which the agent may miss: only an answered one makes the call the agent's.
      const answered = time('Caller-Channel-Answered-Time') !== undefined;
      if (answered && headerOf(dump, 'variable_cc_side') === 'agent')
        call.agentName ??= headerOf(dump, 'variable_cc_agent');
      if (answered) call.toName ??= headerOf(dump, 'Caller-Callee-ID-Name');
    }
    call.holdUs += time('variable_hold_accum_usec') ?? 0n;
    const heldSince = time('Caller-Channel-Last-Hold');
    if (headerOf(dump, 'Channel-Call-State') === 'HELD' && heldSince !== undefined)
      call.heldSince.set(channel, heldSince);
  }

  /** Ends the hold a channel was in, if any, at `atUs`. */
  private closeHold(call: CallState, channel: string, atUs: bigint): void {
    const since = call.heldSince.get(channel);
    if (since === undefined) return;
    call.heldSince.delete(channel);
    call.holdUs += atUs > since ? atUs - since : 0n;
  }

  private applyCallcenter(event: EslEvent): { changed?: string; callUuid?: string } {
    const session = headerOf(event, 'CC-Member-Session-UUID');
    const callUuid = session && this.channelToCall.get(session);
    const call = callUuid ? this.calls.get(callUuid) : undefined;
    if (!call) return {};
    switch (headerOf(event, 'CC-Action') ?? '') {
      case 'member-queue-start':
        call.queueName = headerOf(event, 'CC-Queue');
        call.queueJoinedUs ??= event.timestampUs;
        break;
      case 'bridge-agent-start': {
        call.agentName = headerOf(event, 'CC-Agent');
        call.bridgedUs ??= event.timestampUs;
        const agentLeg = headerOf(event, 'CC-Agent-UUID') ?? different(event.channelUuid, call.uuid);
        if (agentLeg && !this.channelToCall.has(agentLeg)) this.join(call.uuid, agentLeg);
        break;
      }
      case 'member-queue-end':
        call.queueLeftUs ??= event.timestampUs;
        call.queueOutcome = queueOutcomeOf(
          headerOf(event, 'CC-Cause'),
          headerOf(event, 'CC-Cancel-Reason'),
          call.agentName !== undefined,
        );
        call.ccCancelReason = headerOf(event, 'CC-Cancel-Reason');
        break;
      default:
        return { callUuid: call.uuid };
    }
    return { changed: call.uuid, callUuid: call.uuid };
  }

  private markEnded(uuid: string): void {
    this.ended.push(uuid);
    while (this.ended.length > ENDED_CALLS_KEPT) {
      const old = this.ended.shift();
      const call = old ? this.calls.get(old) : undefined;
      if (!call) continue;
      for (const channel of call.channels) this.channelToCall.delete(channel);
      this.calls.delete(call.uuid);
    }
  }
}

function different(value: string | undefined, than: string): string | undefined {
  return value && value !== than ? value : undefined;
}

/**
 * The caller is one of our SIP users when FreeSWITCH authenticated them; such a call is outbound when it dials a
 * long number (7+ digits or +E.164), internal otherwise. Anything else came in from outside.
 */
function directionOf(event: EslEvent): CallDirection {
  // A website visitor authenticates with a one-call credential, but calls in from outside like any customer.
  if (headerOf(event, 'variable_switchboard_channel') === 'web') return 'INBOUND';
  const authenticated =
    headerOf(event, 'variable_sip_authorized') === 'true' || headerOf(event, 'variable_user_name') !== undefined;
  if (!authenticated) return headerOf(event, 'Call-Direction') === 'outbound' ? 'OUTBOUND' : 'INBOUND';
  const destination = headerOf(event, 'Caller-Destination-Number') ?? '';
  return /^\+?\d{7,}$/.test(destination) ? 'OUTBOUND' : 'INTERNAL';
}
