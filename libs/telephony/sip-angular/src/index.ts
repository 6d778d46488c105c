// Public API of telephony/sip-angular: the softphone as Angular signals.
export { Softphone, SOFTPHONE_CLIENT } from './lib/softphone';
export { provideSoftphone } from './lib/provide-softphone';
