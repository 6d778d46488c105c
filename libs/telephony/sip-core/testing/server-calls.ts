import type { FakeSipServer } from './fake-sip-server';
import type { FakeSipSocket } from './fake-sip-socket';
import { offerSdp } from './fake-sdp';
import { buildSip, header, token, uriOf, type SipMessage } from './sip-message';

/** Options of a call from the fake PBX to a softphone. */
export interface OutgoingCallOptions {
  /** Caller's user part (default 5551234). */
  readonly from?: string;
  /** Extra INVITE headers (`X-Queue`, `Call-Info`...). */
  readonly headers?: readonly (readonly [string, string])[];
}

/** A call from the fake PBX to a softphone. */
export interface OutgoingCall {
  readonly callId: string;
  /** The softphone's final response (a 2xx is ACKed and becomes a server dialog). */
  readonly final: Promise<SipMessage>;
  /** Sends CANCEL for the INVITE, with an RFC 3326 Reason header when given (`SIP;cause=200;text="..."`). */
  cancel(reason?: string): void;
}

/** Sends an INVITE with an SDP offer to a registered softphone's contact, as a PBX would. */
export function callSoftphone(
  server: FakeSipServer,
  binding: { readonly contact: string; readonly socket: FakeSipSocket },
  user: string,
  options: OutgoingCallOptions,
): OutgoingCall {
  const callId = `${token(8)}@fake-pbx`;
  const fromTag = token();
  const from = `"Caller" <sip:${options.from ?? '5551234'}@${server.domain}>;tag=${fromTag}`;
  const to = `<sip:${user}@${server.domain}>`;
  const branch = `z9hG4bK${token()}`;
  const via = `SIP/2.0/WSS fake-pbx.invalid;branch=${branch}`;
  const invite = buildSip(
    `INVITE ${binding.contact} SIP/2.0`,
    [
      ['Via', via],
      ['Max-Forwards', '70'],
      ['From', from],
      ['To', to],
      ['Call-ID', callId],
      ['CSeq', '1 INVITE'],
      ['Contact', `<sip:${options.from ?? '5551234'}@127.0.0.1:5060;transport=ws>`],
      ['Content-Type', 'application/sdp'],
      ...(options.headers ?? []),
    ],
    offerSdp('sendrecv'),
  );
  binding.socket.deliver(invite);
  const final = new Promise<SipMessage>((resolve) => {
    server.responseHandlers.set(`${callId} INVITE`, (response) => {
      if ((response.status ?? 0) < 200) return;
      server.responseHandlers.delete(`${callId} INVITE`);
      const toValue = header(response, 'to');
      if ((response.status ?? 0) < 300) {
        server.dialogs.set(callId, {
          callId,
          localNameAddr: from,
          remoteNameAddr: toValue,
          remoteTarget: uriOf(header(response, 'contact')),
          socket: binding.socket,
          generation: binding.socket.generation,
          cseq: 1,
          ended: false,
        });
      }
      binding.socket.deliver(
        buildSip(`ACK ${binding.contact} SIP/2.0`, [
          ['Via', (response.status ?? 0) < 300 ? `SIP/2.0/WSS fake-pbx.invalid;branch=z9hG4bK${token()}` : via],
          ['Max-Forwards', '70'],
          ['From', from],
          ['To', toValue],
          ['Call-ID', callId],
          ['CSeq', '1 ACK'],
        ]),
      );
      resolve(response);
    });
  });
  const cancel = (reason?: string): void => {
    binding.socket.deliver(
      buildSip(`CANCEL ${binding.contact} SIP/2.0`, [
        ['Via', via],
        ['Max-Forwards', '70'],
        ['From', from],
        ['To', to],
        ['Call-ID', callId],
        ['CSeq', '1 CANCEL'],
        ...(reason ? [['Reason', reason] as const] : []),
      ]),
    );
  };
  return { callId, final, cancel };
}
