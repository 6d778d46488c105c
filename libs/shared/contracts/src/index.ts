export * from './lib/roles';
export * from './lib/errors';
export * from './lib/auth';
export * from './lib/users';
export * from './lib/health';
export * from './lib/validation';
export * from './lib/calls';
export * from './lib/live';
