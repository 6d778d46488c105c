// Test-only entry point (@switchboard/api/data-access-esl/testing): a FreeSWITCH Event Socket peer that speaks the
// real wire protocol, the real captures, and a deterministic contact-center traffic generator.
export * from './esl-simulator';
export * from './simulator-session';
export * from './simulator-api';
export * from './simulator-state';
export * from './channel-records';
export * from './reply-gate';
export * from './cdr-poster';
export * from './json-cdr';
export * from './wire';
export * from './capture';
export * from './malformed-frames';
export * from './call-script';
export * from './leg';
export * from './reporting';
export * from './call-scenarios';
export * from './traffic-generator';
export * from './prng';
export * from './timeline';
export { runSimulatorCli, parseSimulatorArgs, type SimulatorCliOptions } from './simulator-cli';
export * from './test-helpers';
export * from './subscribed';
