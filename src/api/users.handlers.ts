/** Handlers for users and tokens; every change is audited by src/store/users.ts in its transaction. */
import type { OpenAPIHono } from '@hono/zod-openapi';
import type { Context } from 'hono';
import {
  addUser,
  assignJob,
  getUser,
  hashPassword,
  issueToken,
  listTokens,
  listUsers,
  revokeToken,
  type TokenRow,
  type UserRow,
} from '../store/users.ts';
import type { ApiEnv } from './context.ts';
import { ApiError } from './errors.ts';
import { paginate } from './paging.ts';
import { companyFor, principal } from './scope.ts';
import {
  addUserRoute,
  assignJobRoute,
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
    const made = addUser(c.get('runtime').store, {
      email: body.email,
      role: body.role,
      companyId: body.companyId ?? null,
      passwordHash,
      expiresAt: body.expiresAt ?? null,
      by: principal(c).user.email,
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
    const issued = issueToken(c.get('runtime').store, {
      userId: c.req.valid('param').userId,
      name: body.name,
      expiresAt: body.expiresAt ?? null,
      by: principal(c).user.email,
    });
    return c.json(issued, 201);
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
