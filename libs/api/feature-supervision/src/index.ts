export * from './lib/supervision.module';
export * from './lib/supervision.errors';
