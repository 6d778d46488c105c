// Test doubles of the agent console's collaborators (import from '@switchboard/agent/feature-console/testing').
export { FakeSoftphoneClient, fakeCall } from './fake-softphone-client';
export { FakeConsoleDesk, fakeStatus } from './fake-console-desk';
export { FakeAgentSocket } from './fake-agent-socket';
