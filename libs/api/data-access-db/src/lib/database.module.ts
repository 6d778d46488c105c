import { type DynamicModule, Global, Module } from '@nestjs/common';
import { AuditLogService } from './audit-log.service';
import { DATABASE_URL, PrismaService } from './prisma.service';

/** Provides {@link PrismaService} for a database URL resolved before Nest starts (see apps/api main.ts). */
@Global()
@Module({})
export class DatabaseModule {
  static forRoot(url: string): DynamicModule {
    return {
      module: DatabaseModule,
      providers: [{ provide: DATABASE_URL, useValue: url }, PrismaService, AuditLogService],
      exports: [PrismaService, AuditLogService],
    };
  }
}
