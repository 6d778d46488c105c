import type { CallDirection, HangupSide, QueueOutcome } from '@switchboard/shared/contracts';
import type { WebCallFacts } from './web-call';

/** What the assembler knows about one call; times are microseconds since the epoch. */
export interface CallState {
  uuid: string;
  node: string;
  channels: string[];
  direction: CallDirection;
  fromNumber?: string;
  fromName?: string;
  toNumber?: string;
  toName?: string;
  queueName?: string;
  agentName?: string;
  startedUs: bigint;
  answeredUs?: bigint;
  bridgedUs?: bigint;
  endedUs?: bigint;
  queueJoinedUs?: bigint;
  queueLeftUs?: bigint;
  holdUs: bigint;
  /** Channels on hold now, with the time the hold began. */
  heldSince: Map<string, bigint>;
  hangupCause?: string;
  hangupSide?: HangupSide;
  queueOutcome?: QueueOutcome;
  ccCancelReason?: string;
  recordingPath?: string;
  /** Set when the call came from a call button on a web page. */
  web?: WebCallFacts;
  /** When a leg other than the A leg ended, and whether its far end hung up (SIP BYE received from it). */
  otherLegEnded?: { atUs: bigint; farEndHungUp: boolean };
}

/** A call record as written to the database: only what is known, so a merge never erases a value. */
export interface CallRecord {
  uuid: string;
  node: string;
  channelUuids: string[];
  direction: CallDirection;
  fromNumber?: string;
  fromName?: string;
  toNumber?: string;
  toName?: string;
  queueName?: string;
  agentName?: string;
  startedAt: Date;
  answeredAt?: Date;
  bridgedAt?: Date;
  endedAt?: Date;
  queueJoinedAt?: Date;
  queueLeftAt?: Date;
  waitSeconds?: number;
  talkSeconds?: number;
  holdSeconds: number;
  hangupCause?: string;
  hangupSide?: HangupSide;
  queueOutcome?: QueueOutcome;
  ccCancelReason?: string;
  recordingPath?: string;
  /** `web` for a call from a call button; absent otherwise (the column's default, voice, stays). */
  channel?: 'web';
  webButtonId?: string;
  webButtonName?: string;
  webPage?: string;
}

const toDate = (us: bigint | undefined): Date | undefined =>
  us === undefined ? undefined : new Date(Number(us / 1000n));
const seconds = (us: bigint): number => Math.max(0, Math.round(Number(us) / 1e6));

/**
 * Derives the record from the state. Definitions (also in the README):
 * - wait: for a queue call, from joining the queue until an agent is bridged (or the caller leaves);
 *   otherwise from the start until the call is bridged/answered (or ends unanswered);
 * - talk: from bridge (or answer when never bridged) to hangup, minus time on hold; 0 for a call that ended without
 *   being connected. A queue call is connected only when an agent is bridged: FreeSWITCH answers the caller's leg
 *   itself (music on hold) before any agent, so that answer is not talk;
 * - hold: every interval any leg spent on hold (a hold still open at hangup ends there).
 */
export function toCallRecord(state: CallState): CallRecord {
  const isQueueCall = state.queueJoinedUs !== undefined;
  const connectedUs = isQueueCall ? state.bridgedUs : (state.bridgedUs ?? state.answeredUs);
  let holdUs = state.holdUs;
  if (state.endedUs !== undefined) for (const since of state.heldSince.values()) holdUs += state.endedUs - since;
  const waitFrom = state.queueJoinedUs ?? state.startedUs;
  const waitUntil = isQueueCall
    ? (state.bridgedUs ?? state.queueLeftUs ?? state.endedUs)
    : (connectedUs ?? state.endedUs);
  const talkSeconds =
    state.endedUs === undefined
      ? undefined
      : connectedUs === undefined
        ? 0
        : seconds(state.endedUs - connectedUs - holdUs);
  return {
    uuid: state.uuid,
    node: state.node,
    channelUuids: [...state.channels],
    direction: state.direction,
    fromNumber: state.fromNumber,
    fromName: state.fromName,
    toNumber: state.toNumber,
    toName: state.toName,
    queueName: state.queueName,
    agentName: state.agentName,
    startedAt: new Date(Number(state.startedUs / 1000n)),
    answeredAt: toDate(state.answeredUs),
    bridgedAt: toDate(state.bridgedUs),
    endedAt: toDate(state.endedUs),
    queueJoinedAt: toDate(state.queueJoinedUs),
    queueLeftAt: toDate(state.queueLeftUs),
    waitSeconds: waitUntil !== undefined ? seconds(waitUntil - waitFrom) : undefined,
    talkSeconds,
    holdSeconds: seconds(holdUs),
    hangupCause: state.hangupCause,
    hangupSide: state.hangupSide,
    queueOutcome: state.queueOutcome,
    ccCancelReason: state.ccCancelReason,
    recordingPath: state.recordingPath,
    ...(state.web
      ? {
          channel: 'web' as const,
          webButtonId: state.web.buttonId,
          webButtonName: state.web.button,
          webPage: state.web.page,
        }
      : {}),
  };
}
