export * from './lib/embedded-postgres';
export * from './lib/migrations';
export * from './lib/prisma.service';
export * from './lib/database.module';
export * from './lib/audit-log.service';
export * from './lib/prisma-errors';
export { Prisma } from './generated/prisma/client';
export type { User, Session, Role } from './generated/prisma/client';
