// Public API of shared/util-metrics: contact-center figures as pure functions over plain inputs, shared by the live
// wall and the reports so the two cannot disagree. Definitions: README "Metrics definitions".
export * from './lib/metric-call';
export * from './lib/call-summary';
export * from './lib/intervals';
export * from './lib/agent-time';
export * from './lib/live-queue';
export * from './lib/today';
