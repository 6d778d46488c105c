export * from './lib/calls.module';
export * from './lib/assembler/switch-event';
export * from './lib/assembler/call-assembler';
export * from './lib/ingestion/ingestion.service';
export * from './lib/live/live-state';
export * from './lib/live/live-state.service';
