// Entry of the embeddable click-to-call script served at /widget/switchboard-call.js.
import { defineSwitchboardCall } from '@switchboard/telephony/feature-call-widget';

defineSwitchboardCall();
