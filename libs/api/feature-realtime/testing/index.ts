// Test helpers of api/feature-realtime: a real socket.io client of the realtime API and ESL event builders.
export * from './realtime-client';
export * from './sim-events';
