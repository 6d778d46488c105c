export * from './lib/redis-connection';
export * from './lib/lease';
export * from './lib/redis-stream';
export * from './lib/redis.service';
export * from './lib/replica-roster';
