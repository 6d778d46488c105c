// A bare page around sip-core (no Angular), for the click-to-INVITE figure with a STUN server that never answers:
// the console cannot be given ICE servers by the API yet, the library can. Same options as the console.
import { RegistrationState, SoftphoneClient, type SipAccount } from '@switchboard/telephony/sip-core';
import { CONSOLE_SOFTPHONE_OPTIONS } from '../../apps/agent-console/src/app/softphone-options';

interface BenchWindow {
  sbBench: {
    start(account: SipAccount): Promise<void>;
    registered(): boolean;
    clickedAt: number | undefined;
    hangupAll(): void;
  };
}

const phone = new SoftphoneClient({ ...CONSOLE_SOFTPHONE_OPTIONS, singleTab: false });
const button = document.createElement('button');
button.id = 'call';
button.textContent = 'Call';
document.body.append(button);
const target = document.createElement('input');
target.id = 'target';
document.body.append(target);

const bench: BenchWindow['sbBench'] = {
  clickedAt: undefined,
  start: (account) => phone.start(account),
  registered: () => phone.registrationState === RegistrationState.Registered,
  hangupAll: () => phone.calls.forEach((call) => phone.hangup(call.id)),
};
button.addEventListener('click', () => {
  bench.clickedAt = Date.now();
  void phone.dial(target.value);
});
(window as unknown as BenchWindow).sbBench = bench;
