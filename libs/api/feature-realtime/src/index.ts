export * from './lib/realtime.module';
export * from './lib/gateway/realtime-io.adapter';
export * from './lib/core/realtime-hub.service';
export * from './lib/core/stream-sequences';
export * from './lib/core/coalescer';
export * from './lib/core/queue-stats';
