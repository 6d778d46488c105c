export * from './lib/agent-desk.module';
