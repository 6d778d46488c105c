export * from './lib/auth.module';
export * from './lib/auth.service';
export * from './lib/auth.decorators';
export * from './lib/password-hasher';
export * from './lib/password-policy';
export * from './lib/user-mapper';
export * from './lib/bootstrap/admin-bootstrap.service';
export * from './lib/session-events';
