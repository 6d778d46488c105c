export * from './lib/domain-errors';
export * from './lib/zod-validation.pipe';
export * from './lib/api-exception.filter';
export * from './lib/request-context';
export * from './lib/request-id';
export * from './lib/input-hygiene';
export * from './lib/uuid-param.pipe';
export * from './lib/database-outage';
