export * from './lib/supervision.module';
