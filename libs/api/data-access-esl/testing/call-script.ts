import type { HeaderList, SimEvent } from './wire';

/** One channel of a generated call, with the state FreeSWITCH would report for it. */
export interface Leg {
  readonly uuid: string;
  readonly direction: 'inbound' | 'outbound';
  readonly channelName: string;
  readonly callerIdName: string;
  readonly callerIdNumber: string;
  readonly destination: string;
  readonly context: string;
  /** `mod_sofia` for a leg that called in, `src/switch_ivr_originate.c` for one FreeSWITCH originated. */
  readonly source: string;
  readonly networkAddr: string;
  calleeName: string | undefined;
  calleeNumber: string | undefined;
  channelState: string;
  callState: string;
  answerState: string;
  createdUs: bigint;
  progressUs: bigint;
  progressMediaUs: bigint;
  answeredUs: bigint;
  bridgedUs: bigint;
  hangupUs: bigint;
  lastHoldUs: bigint;
  holdAccumUs: bigint;
  other: Leg | undefined;
}

/** Fields a scenario chooses for a new leg; the rest starts at FreeSWITCH's initial values. */
export type LegSpec = Pick<
  Leg,
  | 'uuid'
  | 'direction'
  | 'channelName'
  | 'callerIdName'
  | 'callerIdNumber'
  | 'destination'
  | 'context'
  | 'source'
  | 'networkAddr'
>;

/** An event of a generated call, at its offset from the call's start. */
export interface GeneratedEvent {
  readonly offsetMs: number;
  readonly event: SimEvent & { readonly timestampUs: bigint };
}

/** Channel events the scripts produce (the ones Switchboard subscribes to). */
export type ChannelEventName =
  | 'CHANNEL_CREATE'
  | 'CHANNEL_PROGRESS'
  | 'CHANNEL_PROGRESS_MEDIA'
  | 'CHANNEL_ANSWER'
  | 'CHANNEL_BRIDGE'
  | 'CHANNEL_UNBRIDGE'
  | 'CHANNEL_HOLD'
  | 'CHANNEL_UNHOLD'
  | 'CHANNEL_HANGUP_COMPLETE'
  | 'DTMF'
  | 'RECORD_START'
  | 'RECORD_STOP';

const STATE_NUMBERS: Record<string, string> = {
  CS_INIT: '1',
  CS_ROUTING: '2',
  CS_EXECUTE: '4',
  CS_EXCHANGE_MEDIA: '5',
  CS_CONSUME_MEDIA: '7',
  CS_REPORTING: '11',
};

/**
 * Writes one call's events in order on a timeline (milliseconds from the call's start), updating each leg the way
 * FreeSWITCH does, so every event carries consistent Unique-ID, Caller-* times, Answer-State and Other-Leg-*.
 */
export class CallScript {
  readonly events: GeneratedEvent[] = [];
  private nowMs = 0;

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

  leg(spec: LegSpec): Leg {
    return {
      ...spec,
      calleeName: undefined,
      calleeNumber: undefined,
      channelState: 'CS_INIT',
      callState: 'DOWN',
      answerState: 'ringing',
      createdUs: this.nowUs,
      progressUs: 0n,
      progressMediaUs: 0n,
      answeredUs: 0n,
      bridgedUs: 0n,
      hangupUs: 0n,
      lastHoldUs: 0n,
      holdAccumUs: 0n,
      other: undefined,
    };
  }

  /** A channel event for `leg`, after applying what the event means to the leg's state. */
  channel(name: ChannelEventName, leg: Leg, extra: HeaderList = []): this {
    this.apply(name, leg);
    const bridge: HeaderList =
      (name === 'CHANNEL_BRIDGE' || name === 'CHANNEL_UNBRIDGE') && leg.other
        ? [
            ['Bridge-A-Unique-ID', leg.uuid],
            ['Bridge-B-Unique-ID', leg.other.uuid],
          ]
        : [];
    return this.push({ name, headers: [...bridge, ...legHeaders(leg), ...otherLegHeaders(leg), ...extra] });
  }

  /** The CHANNEL_HANGUP_COMPLETE of `leg`, with the variables call records are built from. */
  hangup(leg: Leg, options: HangupOptions): this {
    leg.hangupUs = this.nowUs;
    return this.channel('CHANNEL_HANGUP_COMPLETE', leg, hangupVariables(leg, options));
  }

  /**
   * A CUSTOM callcenter::info event. CC-Action goes after a leading CC-Queue or CC-Agent, as mod_callcenter writes
   * it; with a leg, the leg's channel headers come first.
   */
  callcenter(action: string, headers: HeaderList, leg?: Leg): this {
    const [first, ...rest] = headers;
    const leads = first !== undefined && (first[0] === 'CC-Queue' || first[0] === 'CC-Agent');
    const ordered: HeaderList =
      first && leads ? [first, ['CC-Action', action], ...rest] : [['CC-Action', action], ...headers];
    return this.push({
      name: 'CUSTOM',
      subclass: 'callcenter::info',
      headers: [...(leg ? [...legHeaders(leg), ...otherLegHeaders(leg)] : []), ...ordered],
    });
  }

  /** Any CUSTOM event (sofia::register...). */
  custom(subclass: string, headers: HeaderList): this {
    return this.push({ name: 'CUSTOM', subclass, headers });
  }

  /** Links two legs as bridged (each names the other in Other-Leg-* headers). */
  link(a: Leg, b: Leg): void {
    a.other = b;
    b.other = a;
    a.calleeName = b.callerIdName === a.callerIdName ? 'Outbound Call' : b.callerIdName;
    a.calleeNumber = b.destination;
  }

  private push(event: SimEvent): this {
    this.events.push({ offsetMs: this.nowMs, event: { ...event, timestampUs: this.nowUs } });
    return this;
  }

  private apply(name: ChannelEventName, leg: Leg): void {
    const now = this.nowUs;
    switch (name) {
      case 'CHANNEL_CREATE':
        leg.createdUs = now;
        return;
      case 'CHANNEL_PROGRESS':
        Object.assign(leg, {
          progressUs: now,
          callState: 'RINGING',
          answerState: 'early',
          channelState: 'CS_CONSUME_MEDIA',
        });
        return;
      case 'CHANNEL_PROGRESS_MEDIA':
        Object.assign(leg, {
          progressMediaUs: now,
          callState: 'EARLY',
          answerState: 'early',
          channelState: 'CS_EXECUTE',
        });
        return;
      case 'CHANNEL_ANSWER':
        Object.assign(leg, { answeredUs: now, callState: 'ACTIVE', answerState: 'answered' });
        return;
      case 'CHANNEL_BRIDGE':
        Object.assign(leg, { bridgedUs: now, channelState: 'CS_EXCHANGE_MEDIA' });
        if (leg.other) leg.other.bridgedUs = now;
        return;
      case 'CHANNEL_HOLD':
        Object.assign(leg, { lastHoldUs: now, callState: 'HELD' });
        return;
      case 'CHANNEL_UNHOLD':
        leg.holdAccumUs += now - leg.lastHoldUs;
        leg.callState = 'ACTIVE';
        return;
      case 'CHANNEL_HANGUP_COMPLETE':
        Object.assign(leg, { hangupUs: now, callState: 'HANGUP', answerState: 'hangup', channelState: 'CS_REPORTING' });
        return;
      case 'CHANNEL_UNBRIDGE':
      case 'DTMF':
      case 'RECORD_START':
      case 'RECORD_STOP':
        return;
    }
  }
}

/** The Channel-* and Caller-* headers FreeSWITCH adds for a channel (switch_channel_event_set_data). */
export function legHeaders(leg: Leg): HeaderList {
  const callee: HeaderList =
    leg.calleeNumber === undefined
      ? []
      : [
          ['Caller-Callee-ID-Name', leg.calleeName ?? ''],
          ['Caller-Callee-ID-Number', leg.calleeNumber],
        ];
  return [
    ['Channel-State', leg.channelState],
    ['Channel-Call-State', leg.callState],
    ['Channel-State-Number', STATE_NUMBERS[leg.channelState] ?? '4'],
    ['Channel-Name', leg.channelName],
    ['Unique-ID', leg.uuid],
    ['Call-Direction', leg.direction],
    ['Presence-Call-Direction', leg.direction],
    ['Channel-HIT-Dialplan', leg.direction === 'inbound' ? 'true' : 'false'],
    ['Channel-Call-UUID', leg.uuid],
    ['Answer-State', leg.answerState],
    ['Channel-Read-Codec-Name', 'PCMU'],
    ['Channel-Read-Codec-Rate', '8000'],
    ['Channel-Write-Codec-Name', 'PCMU'],
    ['Channel-Write-Codec-Rate', '8000'],
    // A registered SIP user calling in is authenticated by FreeSWITCH (digest), as in shared/fixtures/esl/sipp-call.esl.
    ...((leg.direction === 'inbound' && leg.context === 'default'
      ? [
          ['variable_sip_authorized', 'true'],
          ['variable_user_name', leg.callerIdNumber],
        ]
      : []) as HeaderList),
    ['Caller-Direction', leg.direction],
    ['Caller-Logical-Direction', leg.direction],
    ['Caller-Dialplan', 'XML'],
    ['Caller-Caller-ID-Name', leg.callerIdName],
    ['Caller-Caller-ID-Number', leg.callerIdNumber],
    ['Caller-Orig-Caller-ID-Name', leg.callerIdName],
    ['Caller-Orig-Caller-ID-Number', leg.callerIdNumber],
    ...callee,
    ['Caller-Network-Addr', leg.networkAddr],
    ['Caller-ANI', leg.callerIdNumber],
    ['Caller-Destination-Number', leg.destination],
    ['Caller-Unique-ID', leg.uuid],
    ['Caller-Source', leg.source],
    ['Caller-Context', leg.context],
    ['Caller-Channel-Name', leg.channelName],
    ['Caller-Profile-Index', '1'],
    ['Caller-Profile-Created-Time', String(leg.createdUs)],
    ['Caller-Channel-Created-Time', String(leg.createdUs)],
    ['Caller-Channel-Answered-Time', String(leg.answeredUs)],
    ['Caller-Channel-Progress-Time', String(leg.progressUs)],
    ['Caller-Channel-Progress-Media-Time', String(leg.progressMediaUs)],
    ['Caller-Channel-Hangup-Time', String(leg.hangupUs)],
    ['Caller-Channel-Transfer-Time', '0'],
    ['Caller-Channel-Resurrect-Time', '0'],
    ['Caller-Channel-Bridged-Time', String(leg.bridgedUs)],
    ['Caller-Channel-Last-Hold', String(leg.lastHoldUs)],
    ['Caller-Channel-Hold-Accum', String(leg.holdAccumUs)],
    ['Caller-Screen-Bit', 'true'],
    ['Caller-Privacy-Hide-Name', 'false'],
    ['Caller-Privacy-Hide-Number', 'false'],
  ];
}

function otherLegHeaders(leg: Leg): HeaderList {
  const other = leg.other;
  if (!other) return [];
  return [
    ['Other-Type', other.direction === 'outbound' ? 'originatee' : 'originator'],
    ['Other-Leg-Direction', other.direction],
    ['Other-Leg-Caller-ID-Name', other.callerIdName],
    ['Other-Leg-Caller-ID-Number', other.callerIdNumber],
    ['Other-Leg-Destination-Number', other.destination],
    ['Other-Leg-Unique-ID', other.uuid],
    ['Other-Leg-Source', other.source],
    ['Other-Leg-Context', other.context],
    ['Other-Leg-Channel-Name', other.channelName],
  ];
}

/** How a leg ended. */
export interface HangupOptions {
  /** Hangup-Cause, e.g. NORMAL_CLEARING. */
  readonly cause: string;
  /** variable_endpoint_disposition: ANSWER, BLIND_TRANSFER, NO ANSWER... */
  readonly disposition: string;
  /** variable_sip_hangup_disposition: recv_bye (far end hung up), send_bye (FreeSWITCH did), recv_refer... */
  readonly sipDisposition: string;
  readonly extra?: HeaderList;
}

function hangupVariables(leg: Leg, options: HangupOptions): HeaderList {
  const seconds = (from: bigint): string => (from === 0n ? '0' : String((leg.hangupUs - from) / 1_000_000n));
  return [
    ['Hangup-Cause', options.cause],
    ['variable_uuid', leg.uuid],
    ['variable_call_uuid', leg.uuid],
    ['variable_endpoint_disposition', options.disposition],
    ['variable_sip_hangup_disposition', options.sipDisposition],
    ['variable_hangup_cause', options.cause],
    [
      'variable_hangup_cause_q850',
      options.cause === 'NORMAL_CLEARING' ? '16' : options.cause === 'NO_ANSWER' ? '19' : '31',
    ],
    ['variable_duration', seconds(leg.createdUs)],
    ['variable_billsec', seconds(leg.answeredUs)],
    ['variable_answersec', leg.answeredUs === 0n ? '0' : String((leg.answeredUs - leg.createdUs) / 1_000_000n)],
    ...(options.extra ?? []),
  ];
}
