import type { SoftphoneCall } from './call';
import { CallNotFoundError } from './errors';
import { JSSIP_CAUSES, type JsSipEndEvent, type JsSipRequest, isResponse } from './jssip-adapter';
import { type CallEndReason, CallState } from './types';

/** Headers of an incoming INVITE worth showing the agent (queue, caller data from the PBX). */
const INTERESTING_HEADER = /^(x-[\w-]+|call-info|p-asserted-identity|alert-info)$/i;

/** The `X-*`, Call-Info, P-Asserted-Identity and Alert-Info headers of an incoming INVITE. */
export function interestingHeaders(request: JsSipRequest): Record<string, string> {
  // JsSIP keeps parsed headers in a map keyed by canonical name; it has no public accessor for the names.
  const names = Object.keys((request as unknown as { headers?: Record<string, unknown> }).headers ?? {});
  return Object.fromEntries(
    names.filter((name) => INTERESTING_HEADER.test(name)).map((name) => [name, request.getHeader(name) ?? '']),
  );
}
let callCounter = 0;

/** A new call id (stable across a 422 retry, unlike the SIP Call-ID). */
export function newCallId(): string {
  callCounter += 1;
  return `call-${Date.now().toString(36)}-${callCounter}`;
}

/**
 * The call a command means: the one with `callId`, else the newest call matching `fallback` (default: live) that
 * is not on hold, else the newest held one.
 */
export function pickCall(
  calls: ReadonlyMap<string, SoftphoneCall>,
  callId?: string,
  fallback: (call: SoftphoneCall) => boolean = (call) => call.isLive,
): SoftphoneCall {
  if (callId !== undefined) {
    const call = calls.get(callId);
    if (!call) throw new CallNotFoundError(`No call ${callId}`);
    return call;
  }
  const candidates = [...calls.values()].filter(fallback);
  const active = candidates.findLast((call) => call.currentState !== CallState.Held) ?? candidates.at(-1);
  if (!active) throw new CallNotFoundError('No active call');
  return active;
}

/** Whether the far end's CANCEL says another device answered (RFC 3326 `Reason: SIP;cause=200`). */
function answeredElsewhere(event: JsSipEndEvent): boolean {
  if (event.originator !== 'remote' || !event.message || isResponse(event.message)) return false;
  // One header may list several protocols' reasons (`Q.850;cause=16, SIP;cause=200;text="..."`).
  const reasons = event.message.getHeaders('Reason').flatMap((value) => value.split(','));
  return reasons.some((reason) => /^\s*SIP\s*;(?:[^;]*;)*?\s*cause\s*=\s*200\b/i.test(reason));
}

/** Our end reason for JsSIP's `ended`/`failed` cause. */
export function endReason(event: JsSipEndEvent, transferred: boolean): CallEndReason {
  if (transferred) return 'transferred';
  switch (event.cause) {
    case JSSIP_CAUSES.bye:
      return event.originator === 'local' ? 'hangup-local' : 'hangup-remote';
    case JSSIP_CAUSES.canceled:
      return answeredElsewhere(event) ? 'answered-elsewhere' : 'canceled';
    case JSSIP_CAUSES.busy:
      return 'busy';
    case JSSIP_CAUSES.rejected:
      return 'rejected';
    case JSSIP_CAUSES.noAnswer:
      return 'no-answer';
    case JSSIP_CAUSES.unavailable:
      return 'unavailable';
    case JSSIP_CAUSES.notFound:
      return 'not-found';
    case JSSIP_CAUSES.connectionError:
    case JSSIP_CAUSES.requestTimeout:
      return 'network';
    case JSSIP_CAUSES.userDeniedMedia:
    case JSSIP_CAUSES.webrtcError:
    case JSSIP_CAUSES.rtpTimeout:
      return 'media-failed';
    default:
      return 'failed';
  }
}
