import type { SoftphoneOptions } from '@switchboard/telephony/sip-core';

/**
 * How the console's softphone is tuned. The INVITE leaves at most 200 ms after the first ICE candidate even when
 * a STUN/TURN server is slow or unreachable (sip-core's default waits 1.5 s): an agent's click should ring at once
 * (bench/phone: ≤ 300 ms). Candidates found later are not lost for FreeSWITCH, which learns the browser's address
 * from its connectivity checks (peer-reflexive); only a TURN relay that needs longer than 200 ms to allocate is.
 */
export const CONSOLE_SOFTPHONE_OPTIONS: SoftphoneOptions = { iceGatheringTimeoutMs: 200 };
