export * from './lib/domain-errors';
export * from './lib/zod-validation.pipe';
export * from './lib/api-exception.filter';
export * from './lib/request-context';
