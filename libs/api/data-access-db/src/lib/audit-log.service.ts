import { Injectable } from '@nestjs/common';
import { Prisma } from '../generated/prisma/client';
import { PrismaService } from './prisma.service';

/** One audit entry: who (actor) did what (action) to what (target), from where. */
export interface AuditEntry {
  actorId: string | null;
  action: string;
  targetType: string;
  targetId?: string;
  details?: Prisma.InputJsonValue;
  ip?: string;
}

/** Appends to the audit log, alone or inside the caller's transaction. */
@Injectable()
export class AuditLogService {
  constructor(private readonly prisma: PrismaService) {}

  /** The write as a Prisma operation, to put in a `$transaction([...])` with the change it records. */
  entry(entry: AuditEntry): Prisma.PrismaPromise<unknown> {
    return this.prisma.auditLog.create({ data: entry });
  }

  async record(entry: AuditEntry): Promise<void> {
    await this.entry(entry);
  }
}
