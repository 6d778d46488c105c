// Public API of telephony/sip-core: a framework-free softphone around JsSIP.
export * from './lib/types';
export * from './lib/errors';
export * from './lib/emitter';
export * from './lib/profiles';
export * from './lib/softphone-api';
export { SoftphoneClient } from './lib/softphone-client';
export { GuestCall, type GuestAccount, type GuestCallEvents, type GuestCallOptions } from './lib/guest-call';
export type { SipInfoMessage } from './lib/call';
export { estimateMos, summarizeStats } from './lib/stats';
export { orderCodecs } from './lib/codecs';
export { RingBuffer, SipTrace, describeSipMessage } from './lib/trace';
export { TabLeaderElection, type TabEnvironment, type LockManagerLike, type ChannelLike } from './lib/leader';
