import { Injectable } from '@nestjs/common';
import type { CreateUserRequest, ListUsersQuery, Page, UpdateUserRequest, UserDto } from '@switchboard/shared/contracts';
import { AuditLogService, Prisma, PrismaService, isRecordNotFound, isUniqueViolation } from '@switchboard/api/data-access-db';
import { PasswordHasher, PasswordPolicy, toUserDto } from '@switchboard/api/feature-auth';
import { ConflictError, NotFoundError, type Principal } from '@switchboard/api/util-http';

const DUPLICATE_EMAIL = [{ path: 'email', message: 'a user with this email already exists' }];

/** Admin management of users. Every change is written to the audit log in the same transaction. */
@Injectable()
export class UsersService {
  constructor(
    private readonly prisma: PrismaService,
    private readonly hasher: PasswordHasher,
    private readonly passwordPolicy: PasswordPolicy,
    private readonly audit: AuditLogService,
  ) {}

  async list(query: ListUsersQuery): Promise<Page<UserDto>> {
    const where: Prisma.UserWhereInput = {
      ...(query.role ? { role: query.role } : {}),
      ...(query.search
        ? {
            OR: [
              { email: { contains: query.search, mode: 'insensitive' } },
              { displayName: { contains: query.search, mode: 'insensitive' } },
            ],
          }
        : {}),
    };
    const [items, total] = await this.prisma.$transaction([
      this.prisma.user.findMany({
        where,
        orderBy: [{ displayName: 'asc' }, { email: 'asc' }],
        skip: (query.page - 1) * query.pageSize,
        take: query.pageSize,
      }),
      this.prisma.user.count({ where }),
    ]);
    return { items: items.map(toUserDto), total, page: query.page, pageSize: query.pageSize };
  }

  async get(id: string): Promise<UserDto> {
    const user = await this.prisma.user.findUnique({ where: { id } });
    if (!user) throw new NotFoundError(`No user with id ${id}.`);
    return toUserDto(user);
  }

  async create(request: CreateUserRequest, actor: Principal, ip?: string): Promise<UserDto> {
    this.passwordPolicy.check(request.password);
    const passwordHash = await this.hasher.hash(request.password);
    try {
      const [user] = await this.prisma.$transaction(async (tx) => {
        const created = await tx.user.create({
          data: { email: request.email, displayName: request.displayName, role: request.role, passwordHash },
        });
        await tx.auditLog.create({
          data: { actorId: actor.userId, action: 'user.create', targetType: 'User', targetId: created.id, details: { email: created.email, role: created.role }, ip },
        });
        return [created];
      });
      return toUserDto(user);
    } catch (error) {
      if (isUniqueViolation(error, 'email')) throw new ConflictError('A user with this email already exists.', DUPLICATE_EMAIL, { cause: error });
      throw error;
    }
  }

  async update(id: string, request: UpdateUserRequest, actor: Principal, ip?: string): Promise<UserDto> {
    const current = await this.prisma.user.findUnique({ where: { id } });
    if (!current) throw new NotFoundError(`No user with id ${id}.`);
    if (request.password !== undefined) this.passwordPolicy.check(request.password);
    if (id === actor.userId && (request.disabled === true || (request.role && request.role !== current.role))) {
      throw new ConflictError('You cannot disable your own account or change your own role; ask another admin.');
    }
    const losesAdmin = current.role === 'ADMIN' && !current.disabled && (request.disabled === true || (request.role !== undefined && request.role !== 'ADMIN'));
    if (losesAdmin && (await this.activeAdminCount()) <= 1) {
      throw new ConflictError('This is the last active admin; make another admin first.');
    }
    const data: Prisma.UserUpdateInput = {
      ...(request.displayName !== undefined ? { displayName: request.displayName } : {}),
      ...(request.role !== undefined ? { role: request.role } : {}),
      ...(request.disabled !== undefined ? { disabled: request.disabled } : {}),
      ...(request.password !== undefined ? { passwordHash: await this.hasher.hash(request.password) } : {}),
    };
    // A disabled user or a new password ends the user's sessions, so a stolen session dies with the change.
    const endsSessions = request.disabled === true || request.password !== undefined;
    const changed = Object.keys(request).filter((k) => k !== 'password');
    const [user] = await this.prisma.$transaction([
      this.prisma.user.update({ where: { id }, data }),
      ...(endsSessions ? [this.prisma.session.updateMany({ where: { userId: id, revokedAt: null }, data: { revokedAt: new Date() } })] : []),
      this.audit.entry({
        actorId: actor.userId,
        action: 'user.update',
        targetType: 'User',
        targetId: id,
        details: { changed: request.password !== undefined ? [...changed, 'password'] : changed, ...(request.role ? { role: request.role } : {}), ...(request.disabled !== undefined ? { disabled: request.disabled } : {}) },
        ip,
      }),
    ]);
    return toUserDto(user);
  }

  async remove(id: string, actor: Principal, ip?: string): Promise<void> {
    if (id === actor.userId) throw new ConflictError('You cannot delete your own account.');
    const current = await this.prisma.user.findUnique({ where: { id } });
    if (!current) throw new NotFoundError(`No user with id ${id}.`);
    if (current.role === 'ADMIN' && !current.disabled && (await this.activeAdminCount()) <= 1) {
      throw new ConflictError('This is the last active admin; make another admin first.');
    }
    try {
      await this.prisma.$transaction([
        this.prisma.user.delete({ where: { id } }),
        this.audit.entry({ actorId: actor.userId, action: 'user.delete', targetType: 'User', targetId: id, details: { email: current.email }, ip }),
      ]);
    } catch (error) {
      if (isRecordNotFound(error)) throw new NotFoundError(`No user with id ${id}.`, undefined, { cause: error });
      throw error;
    }
  }

  private activeAdminCount(): Promise<number> {
    return this.prisma.user.count({ where: { role: 'ADMIN', disabled: false } });
  }
}
