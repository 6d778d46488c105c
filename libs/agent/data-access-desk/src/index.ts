// Public API of agent/data-access-desk.
export { AGENT_DESK_URLS, AgentDeskApi } from './lib/agent-desk-api';
export { AgentStatusStore, type StatusChangeOptions } from './lib/agent-status-store';
