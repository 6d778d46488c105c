export * from './lib/health.module';
export * from './lib/metrics.registry';
export * from './lib/http-metrics.middleware';
