/** Handlers for users and tokens: they call the verbs of src/users (each audited in its transaction). */
import type { OpenAPIHono } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { getUser, hashPassword, listTokens, listUsers, type TokenRow, type UserRow } from '../store/users.ts';
import { addUser } from '../users/add.ts';
import { assignJob } from '../users/assign-job.ts';
import { changeUser } from '../users/change.ts';
import { issueOwnToken } from '../users/issue-token.ts';
import { revokeToken } from '../users/revoke-token.ts';
import type { ApiEnv } from './context.ts';
import { ApiError } from './errors.ts';
import { paginate } from './paging.ts';
import { companyFor, principal, verbCtx } from './scope.ts';
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
    const made = addUser({
      ctx: verbCtx(c),
      input: {
        email: body.email,
        role: body.role,
        companyId: body.companyId ?? null,
        passwordHash,
        expiresAt: body.expiresAt ?? null,
      },
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
    const issued = issueOwnToken({
      ctx: verbCtx(c),
      input: { name: body.name, expiresAt: body.expiresAt ?? null },
    });
    return c.json(issued, 201);
  });

  app.openapi(changeUserRoute, async (c) => {
    const body = c.req.valid('json');
    const { userId } = c.req.valid('param');
    if (body.companyId) companyFor(c, body.companyId);
    const passwordHash = body.password ? await hashPassword(body.password) : null;
    const user = changeUser({
      ctx: verbCtx(c),
      input: {
        userId,
        disabled: body.disabled,
        role: body.role,
        companyId: body.companyId,
        passwordHash,
      },
    });
    return c.json(userView(user), 200);
  });

  app.openapi(assignJobRoute, (c) => {
    const body = c.req.valid('json');
    const company = companyFor(c, body.companyId);
    assignJob({
      ctx: verbCtx(c),
      input: { userId: c.req.valid('param').userId, companyId: company.id, jobNumber: body.jobNumber },
    });
    return c.json({ assigned: true as const }, 200);
  });

  app.openapi(revokeTokenRoute, (c) => {
    const row = revokeToken({ ctx: verbCtx(c), input: { tokenId: c.req.valid('param').tokenId } });
    return c.json(tokenView(row), 200);
  });
}
