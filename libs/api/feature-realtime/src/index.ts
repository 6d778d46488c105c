export * from './lib/realtime.module';
export * from './lib/gateway/realtime-io.adapter';
export {
  MAX_CONNECTIONS_PER_ADDRESS,
  MAX_UNAUTHENTICATED_CONNECTIONS_PER_ADDRESS,
  UNAUTHENTICATED_GRACE_MS,
} from './lib/gateway/connection-guard';
export * from './lib/core/realtime-hub.service';
export { AgentDirectoryService } from './lib/core/agent-directory.service';
export * from './lib/core/stream-sequences';
export * from './lib/core/coalescer';
export * from './lib/core/queue-stats';
