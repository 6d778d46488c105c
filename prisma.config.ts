import { defineConfig } from 'prisma/config';

// The datasource URL is only needed by `prisma migrate`/`studio`; generate works without it.
export default defineConfig({
  schema: 'prisma/schema.prisma',
  migrations: { path: 'prisma/migrations' },
  datasource: { url: process.env['DATABASE_URL'] ?? '' },
});
