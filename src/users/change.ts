/**
 * One change of a person as the admin page and `PATCH /api/users/:id` send it (disable or enable, role,
 * company, password): every part lands with its audit entries in one transaction, or none does.
 */
import { withTransaction } from '../store/db.ts';
import type { Role } from '../store/schema/users.ts';
import { getUser, type UserRow } from '../store/users.ts';
import type { Verb } from '../verb.ts';
import { assignCompany } from './company.ts';
import { disableUser } from './disable.ts';
import { enableUser } from './enable.ts';
import { assertManages } from './manage.ts';
import { resetPassword } from './password.ts';
import { changeRole } from './role.ts';

export interface UserChange {
  userId: string;
  disabled?: boolean;
  role?: Role;
  companyId?: string | null;
  passwordHash?: string | null;
}

export function changeUser({ ctx, input }: Verb<UserChange>): UserRow {
  assertManages(ctx);
  const { userId } = input;
  return withTransaction(ctx.store, (db) => {
    if (input.disabled === true) disableUser({ ctx, input: { userId } });
    if (input.disabled === false) enableUser({ ctx, input: { userId } });
    if (input.role) changeRole({ ctx, input: { userId, role: input.role } });
    if (input.companyId !== undefined) assignCompany({ ctx, input: { userId, companyId: input.companyId } });
    if (input.passwordHash) resetPassword({ ctx, input: { userId, passwordHash: input.passwordHash } });
    return getUser(db, userId);
  });
}
