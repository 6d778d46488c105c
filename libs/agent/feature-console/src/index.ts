// Public API of agent/feature-console: the agent's desk screen and its widgets.
export { ConsolePage, toSipAccount, type ConsoleTab } from './lib/console-page/console-page';
export { CONSOLE_DESK, type ConsoleDesk } from './lib/console-page/console-desk';
export { PhoneStatus, networkQuality, type NetworkQuality } from './lib/phone-status/phone-status';
export {
  describePhone,
  microphoneAccessFrom,
  type MicrophoneAccess,
  type PhoneAction,
  type PhoneFacts,
  type PhoneNotice,
  type PhoneProblem,
  type PhoneView,
} from './lib/phone-notice/phone-view';
export { PhoneNotices } from './lib/phone-notice/phone-notices';
export { MicrophoneCheck } from './lib/phone-notice/microphone-check';
export { signOutOfConsole } from './lib/phone-notice/sign-out';
export { StatusSelector, STATUS_LABELS, describeStatus } from './lib/status-selector/status-selector';
export { IncomingCall, incomingCallFacts, type IncomingCallFacts } from './lib/incoming-call/incoming-call';
export { Dialpad } from './lib/dialpad/dialpad';
export { CallControls } from './lib/call-controls/call-controls';
export { WrapUpForm } from './lib/wrap-up-form/wrap-up-form';
export { CallHistory } from './lib/call-history/call-history';
export { AudioSettings } from './lib/audio-settings/audio-settings';
export { SipTrace } from './lib/sip-trace/sip-trace';
export { SHORTCUTS, shortcutFor, type Shortcut, type ShortcutAction } from './lib/shortcuts/shortcuts';
export { PhoneHealthReporter, phoneHealthReport, reportedRegistration } from './lib/phone-health/phone-health-reporter';
export {
  AGENT_SOCKET_FACTORY,
  AGENT_SOCKET_TOKEN,
  AgentLiveSocket,
  type AgentSocket,
} from './lib/agent-socket/agent-live-socket';
export { OwnStatusFollower, SWITCH_STATUS_RECHECK_MS } from './lib/agent-socket/own-status-follower';
