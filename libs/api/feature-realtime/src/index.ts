export * from './lib/realtime.module';
