import { z } from 'zod';
import { ROLES, type Role } from './roles';

export const emailSchema = z
  .string({ error: 'email is required' })
  .trim()
  .toLowerCase()
  .max(254, 'email is too long')
  .pipe(z.email('email must be a valid address'));

/** Length over composition (NIST SP 800-63B): at least 10 characters, at most 128. */
export const passwordSchema = z
  .string({ error: 'password is required' })
  .min(10, 'password must be at least 10 characters')
  .max(128, 'password must be at most 128 characters');

export const displayNameSchema = z
  .string({ error: 'displayName is required' })
  .trim()
  .min(1, 'displayName is required')
  .max(100, 'displayName must be at most 100 characters');

export const roleSchema = z.enum(ROLES, { error: `role must be one of ${ROLES.join(', ')}` });

export const createUserRequestSchema = z.strictObject({
  email: emailSchema,
  displayName: displayNameSchema,
  role: roleSchema,
  password: passwordSchema,
});
export type CreateUserRequest = z.infer<typeof createUserRequestSchema>;

export const updateUserRequestSchema = z
  .strictObject({
    displayName: displayNameSchema.optional(),
    role: roleSchema.optional(),
    disabled: z.boolean({ error: 'disabled must be true or false' }).optional(),
    password: passwordSchema.optional(),
  })
  .refine((body) => Object.keys(body).length > 0, { message: 'nothing to update: send at least one field' });
export type UpdateUserRequest = z.infer<typeof updateUserRequestSchema>;

export const listUsersQuerySchema = z.strictObject({
  search: z.string().trim().max(254).optional(),
  role: roleSchema.optional(),
  page: z.coerce.number({ error: 'page must be a number' }).int().min(1, 'page starts at 1').default(1),
  pageSize: z.coerce
    .number({ error: 'pageSize must be a number' })
    .int()
    .min(1, 'pageSize must be at least 1')
    .max(200, 'pageSize must be at most 200')
    .default(50),
});
export type ListUsersQuery = z.infer<typeof listUsersQuerySchema>;

/** A user as the API shows it: never the password hash. */
export interface UserDto {
  id: string;
  email: string;
  displayName: string;
  role: Role;
  disabled: boolean;
  lastLoginAt: string | null;
  createdAt: string;
  updatedAt: string;
}

/** One page of a list. */
export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}
