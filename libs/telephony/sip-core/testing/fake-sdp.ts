// SDP of the fake far end (a PBX's media side). Plain enough for JsSIP's sdp-transform and the fake PC.

type Direction = 'sendrecv' | 'sendonly' | 'recvonly' | 'inactive';
const mirror: Record<Direction, Direction> = {
  sendrecv: 'sendrecv',
  sendonly: 'recvonly',
  recvonly: 'sendonly',
  inactive: 'inactive',
};

/**
 * SDP as FreeSWITCH 1.11 writes it (checked on the wire, shared/freeswitch/README.md): one audio m-line with ICE and
 * DTLS but no `a=group:BUNDLE` and no `a=mid`. Chromium refuses such an answer under `bundlePolicy: 'max-bundle'`,
 * and {@link FakePeerConnection} does too, so a test against this fake catches that setting.
 */
function sdp(direction: Direction, payloads: readonly string[]): string {
  return [
    'v=0',
    `o=FakePBX ${Date.now()} 1 IN IP4 127.0.0.1`,
    's=FakePBX',
    'c=IN IP4 127.0.0.1',
    't=0 0',
    `m=audio 40000 UDP/TLS/RTP/SAVPF ${payloads.join(' ')}`,
    'a=ice-ufrag:pbx',
    'a=ice-pwd:pbxpbxpbxpbxpbxpbxpbxpbx',
    'a=fingerprint:sha-256 FF:EE:DD:CC:BB:AA:99:88:77:66:55:44:33:22:11:00:FF:EE:DD:CC:BB:AA:99:88:77:66:55:44:33:22:11:00',
    'a=setup:active',
    'a=rtcp-mux',
    ...payloads.map(
      (pt) =>
        `a=rtpmap:${pt} ${pt === '111' ? 'opus/48000/2' : pt === '8' ? 'PCMA/8000' : pt === '0' ? 'PCMU/8000' : 'telephone-event/8000'}`,
    ),
    `a=${direction}`,
    'a=candidate:1 1 udp 2122260223 127.0.0.1 40000 typ host',
    '',
  ].join('\r\n');
}

/** An offer from the far end. */
export function offerSdp(direction: Direction = 'sendrecv'): string {
  return sdp(direction, ['111', '8', '0', '101']);
}

/** The far end's answer to `offer`: mirrored direction, the offer's first codec plus telephone-event. */
export function answerSdp(offer: string): string {
  const offered = (/a=(sendrecv|sendonly|recvonly|inactive)/.exec(offer)?.[1] ?? 'sendrecv') as Direction;
  const first = /m=audio \d+ \S+ (\d+)/.exec(offer)?.[1] ?? '0';
  return sdp(mirror[offered], [first, '101']);
}

/** The direction attribute of an SDP body. */
export function sdpDirection(body: string): Direction | undefined {
  return /a=(sendrecv|sendonly|recvonly|inactive)/.exec(body)?.[1] as Direction | undefined;
}
