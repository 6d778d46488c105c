import type { SoftphoneCall } from './call';
import { CallStateError, TransferError } from './errors';
import type { JsSipReferEvent, JsSipResponse } from './jssip-adapter';
import { CallState } from './types';

/** Progress reported while a REFER runs. */
export type TransferStatus = 'trying' | 'accepted' | 'succeeded' | 'failed';

interface NotifyEvent {
  readonly status_line?: { readonly status_code: number | string; readonly reason_phrase?: string };
}

/** How long a 202-accepted transfer may wait for its final NOTIFY before it counts as done. */
const FINAL_NOTIFY_TIMEOUT_MS = 30_000;

function requireTransferable(call: SoftphoneCall): void {
  if (call.currentState !== CallState.Established && call.currentState !== CallState.Held) {
    throw new CallStateError(`Cannot transfer a call that is ${call.currentState}`);
  }
}

/**
 * Sends a REFER on `call` and follows its implicit subscription (RFC 3515): resolves on a 2xx sipfrag NOTIFY,
 * or when the far end hangs up our leg after accepting (FreeSWITCH ends the transferor's leg itself),
 * or when no final NOTIFY came within 30 s of the 202. Rejects with `TransferError` on a REFER error or a
 * failure NOTIFY; the call then stays up.
 */
function refer(
  call: SoftphoneCall,
  target: string,
  replaces: SoftphoneCall | undefined,
  progress: (status: TransferStatus) => void,
): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    let settled = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const finish = (error?: TransferError): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      call.transferring = !error;
      progress(error ? 'failed' : 'succeeded');
      if (error) reject(error);
      else resolve();
    };
    call.transferring = true;
    call.session.on('ended', () => {
      if (timer !== undefined) finish();
    });
    call.session.refer(target, {
      replaces: replaces?.session,
      eventHandlers: {
        requestSucceeded: () => {
          progress('accepted');
          timer = setTimeout(() => finish(), FINAL_NOTIFY_TIMEOUT_MS);
        },
        requestFailed: (event: { response: JsSipResponse | null; cause: string }) =>
          finish(
            new TransferError(
              `Transfer refused: ${event.response?.status_code ?? event.cause}`,
              event.response?.status_code,
            ),
          ),
        trying: () => progress('trying'),
        accepted: () => finish(),
        failed: (event: NotifyEvent) => {
          const code = Number(event.status_line?.status_code);
          finish(
            new TransferError(
              `Transfer failed: ${code || 'unknown'} ${event.status_line?.reason_phrase ?? ''}`.trim(),
              code || undefined,
            ),
          );
        },
      },
    });
  });
}

/**
 * Accepts a REFER we received by placing `call` to its Refer-To target (with its `Replaces` if any). JsSIP creates
 * the session and its peer connection before `call` can listen, so the call adopts them in the init callback.
 */
export function acceptRefer(
  event: JsSipReferEvent,
  call: SoftphoneCall,
  register: (call: SoftphoneCall) => void,
  options: { readonly pcConfig: RTCConfiguration; readonly sessionTimersExpires: number },
): void {
  event.accept(
    (session) => {
      register(call);
      call.attach(session, true);
      call.adoptPeerConnection(session.connection);
    },
    {
      ...options,
      mediaStream: call.stream,
      mediaConstraints: { audio: !!call.stream, video: false },
      // Without a microphone the offer still needs an audio section to receive.
      rtcOfferConstraints: call.stream ? undefined : { offerToReceiveAudio: true },
    },
  );
}

/** Blind transfer: REFER `call` to `target`; our leg ends once the transfer succeeded. */
export async function blindTransfer(
  call: SoftphoneCall,
  target: string,
  progress: (status: TransferStatus) => void,
): Promise<void> {
  requireTransferable(call);
  await refer(call, target, undefined, progress);
  call.endAfterTransfer();
}

/**
 * Attended transfer: REFER the original call's party to the consultation call's party, with
 * `Refer-To: <target?Replaces=callid;to-tag;from-tag>` naming the consultation dialog. On success the
 * transferee's INVITE with Replaces takes over the consultation; both our legs end.
 */
export async function attendedTransfer(
  original: SoftphoneCall,
  consultation: SoftphoneCall,
  progress: (status: TransferStatus) => void,
): Promise<void> {
  requireTransferable(original);
  requireTransferable(consultation);
  const target = consultation.session.remote_identity.uri.toString();
  await refer(original, target, consultation, progress);
  original.endAfterTransfer();
  consultation.endAfterTransfer();
}
