// Public API of telephony/sip-core: a framework-free softphone around JsSIP.
export * from './lib/types';
export * from './lib/errors';
export * from './lib/emitter';
export * from './lib/profiles';
export * from './lib/softphone-api';
