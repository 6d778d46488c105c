export * from './lib/ami-client';
export * from './lib/ari-client';
