/** Handlers for users and tokens; every change is audited by src/store/users.ts in its transaction. */
import type { OpenAPIHono } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { actorOf } from '../approvals/people.ts';
import { withTransaction } from '../store/db.ts';
import {
  addUser,
  assignJob,
  getUser,
  hashPassword,
  issueToken,
  listTokens,
  listUsers,
  revokeToken,
  setPassword,
  type TokenRow,
  type UserRow,
} from '../store/users.ts';
import { assignCompany, changeRole, disableUser, enableUser, tellApprovers } from '../users/offboard.ts';
import type { ApiEnv } from './context.ts';
import { ApiError } from './errors.ts';
import { paginate } from './paging.ts';
import { companyFor, principal } from './scope.ts';
import {
  addUserRoute,
  assignJobRoute,
  changeUserRoute,
  issueTokenRoute,
  listTokensRoute,
  listUsersRoute,
  revokeTokenRoute,
} from './users.routes.ts';

const userView = (u: UserRow) => ({
  id: u.id,
  email: u.email,
  role: u.role,
  companyId: u.companyId,
  hasPassword: u.passwordHash !== null,
  createdAt: u.createdAt,
  disabledAt: u.disabledAt,
});
const tokenView = (t: TokenRow) => ({
  id: t.id,
  name: t.name,
  createdAt: t.createdAt,
  expiresAt: t.expiresAt,
  revokedAt: t.revokedAt,
});

/** Users span companies, so only an admin of the whole installation (not tied to a company) manages them. */
function installationAdmin(c: Context<ApiEnv>): void {
  const company = principal(c).user.companyId;
  if (company !== null) {
    throw new ApiError(
      'forbidden',
      'forbidden',
      `this admin is limited to company ${company}; users are managed by an installation admin`,
    );
  }
}

function actorOfPrincipal(c: Context<ApiEnv>) {
  const p = principal(c);
  return { ...actorOf(p.user), credential: p.credential };
}

export function registerUsers(app: OpenAPIHono<ApiEnv>): void {
  app.use('/api/users/*', async (c, next) => {
    installationAdmin(c);
    await next();
  });
  app.use('/api/users', async (c, next) => {
    installationAdmin(c);
    await next();
  });
  app.use('/api/tokens/*', async (c, next) => {
    installationAdmin(c);
    await next();
  });
  app.openapi(listUsersRoute, (c) => {
    const { cursor, limit } = c.req.valid('query');
    const users = listUsers(c.get('runtime').store.db).map(userView);
    return c.json(
      paginate(users, (u) => u.email, cursor, limit),
      200,
    );
  });

  app.openapi(addUserRoute, async (c) => {
    const body = c.req.valid('json');
    if (body.companyId !== undefined) companyFor(c, body.companyId);
    const passwordHash = body.password ? await hashPassword(body.password) : null;
    const store = c.get('runtime').store;
    const made = withTransaction(store, (db) => {
      const added = addUser(store, {
        email: body.email,
        role: body.role,
        companyId: body.companyId ?? null,
        passwordHash,
        expiresAt: body.expiresAt ?? null,
        by: principal(c).user.email,
      });
      if (added.user.role === 'approver')
        tellApprovers(db, { actor: actorOfPrincipal(c), store }, added.user, added.user.createdAt);
      return added;
    });
    return c.json({ user: userView(made.user), tokenId: made.tokenId, token: made.token }, 201);
  });

  app.openapi(listTokensRoute, (c) => {
    const db = c.get('runtime').store.db;
    const user = getUser(db, c.req.valid('param').userId);
    return c.json({ items: listTokens(db, user.id).map(tokenView) }, 200);
  });

  app.openapi(issueTokenRoute, (c) => {
    const body = c.req.valid('json');
    const me = principal(c).user;
    const issued = issueToken(c.get('runtime').store, {
      userId: me.id,
      name: body.name,
      expiresAt: body.expiresAt ?? null,
      by: me.email,
    });
    return c.json(issued, 201);
  });

  app.openapi(changeUserRoute, async (c) => {
    const body = c.req.valid('json');
    const { userId } = c.req.valid('param');
    if (body.companyId) companyFor(c, body.companyId);
    const runtime = c.get('runtime');
    const passwordHash = body.password ? await hashPassword(body.password) : null;
    const ctx = { actor: actorOfPrincipal(c), store: runtime.store };
    // One transaction for the whole change: all of it lands with its audit entries, or none.
    const user = withTransaction(runtime.store, () => {
      if (body.disabled === true) disableUser({ ctx, input: { userId } });
      if (body.disabled === false) enableUser({ ctx, input: { userId } });
      if (body.role) changeRole({ ctx, input: { userId, role: body.role } });
      if (body.companyId !== undefined) assignCompany({ ctx, input: { userId, companyId: body.companyId } });
      if (passwordHash) setPassword(runtime.store, { userId, passwordHash, by: ctx.actor.id });
      return getUser(runtime.store.db, userId);
    });
    return c.json(userView(user), 200);
  });

  app.openapi(assignJobRoute, (c) => {
    const body = c.req.valid('json');
    const company = companyFor(c, body.companyId);
    assignJob(c.get('runtime').store, {
      userId: c.req.valid('param').userId,
      companyId: company.id,
      jobNumber: body.jobNumber,
      by: principal(c).user.email,
    });
    return c.json({ assigned: true as const }, 200);
  });

  app.openapi(revokeTokenRoute, (c) => {
    const row = revokeToken(c.get('runtime').store, {
      tokenId: c.req.valid('param').tokenId,
      by: principal(c).user.email,
    });
    return c.json(tokenView(row), 200);
  });
}
