// The click-to-call widget: `<switchboard-call button="…">`, framework-free, built into one script by apps/call-widget.
export { defineSwitchboardCall, ELEMENT_NAME, SwitchboardCallElement } from './lib/switchboard-call-element';
export { CallFlow, type CallFlowDeps, type PhoneLike, type WidgetPhase } from './lib/call-flow';
export { WidgetApi, type WidgetRefusal } from './lib/widget-api';
export { phaseView, formatTimer } from './lib/widget-text';
