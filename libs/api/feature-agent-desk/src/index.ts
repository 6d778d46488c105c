export * from './lib/agent-desk.module';
export {
  type NumberPlan,
  type DialDecision,
  classifyDestination,
  decideDial,
  normalizeDestination,
} from './lib/dial/number-plan';
export { sipWebSocketUrl } from './lib/sip/sip-ws-url';
