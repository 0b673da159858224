/** Users and API tokens (admin). A token is shown once, in the response that creates it. */
import { createRoute, z } from '@hono/zod-openapi';
import { ROLES } from '../store/schema/users.ts';
import { pageQuery } from './paging.ts';
import { bearer, json, protectedErrors } from './schemas.ts';

export const userSchema = z
  .object({
    id: z.string(),
    email: z.string(),
    role: z.enum(ROLES),
    companyId: z.string().nullable(),
    hasPassword: z.boolean(),
    createdAt: z.string(),
    disabledAt: z.string().nullable(),
  })
  .openapi('User');

const tokenSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    createdAt: z.string(),
    expiresAt: z.string().nullable(),
    revokedAt: z.string().nullable(),
  })
  .openapi('Token');

const issued = z.object({
  tokenId: z.string(),
  token: z.string().openapi({ description: 'shown once; store it now' }),
});
const userParams = z.object({
  userId: z
    .string()
    .min(1)
    .openapi({ param: { name: 'userId', in: 'path' } }),
});
const expiresAt = z.iso.datetime().optional().openapi({ description: 'ISO timestamp; none = no expiry' });

export const listUsersRoute = createRoute({
  method: 'get',
  path: '/api/users',
  tags: ['users'],
  summary: 'Users',
  security: bearer,
  request: { query: pageQuery },
  responses: {
    200: json(z.object({ items: z.array(userSchema), nextCursor: z.string().nullable() }), 'Users'),
    ...protectedErrors,
  },
});

export const addUserRoute = createRoute({
  method: 'post',
  path: '/api/users',
  tags: ['users'],
  summary: 'Add a user; the response holds their first token',
  security: bearer,
  request: {
    body: {
      content: {
        'application/json': {
          schema: z.object({
            email: z.email(),
            role: z.enum(ROLES),
            companyId: z.string().optional(),
            password: z.string().min(12).max(200).optional(),
            expiresAt,
          }),
        },
      },
      required: true,
    },
  },
  responses: {
    201: json(z.object({ user: userSchema }).extend(issued.shape), 'The user and token'),
    ...protectedErrors,
  },
});

export const listTokensRoute = createRoute({
  method: 'get',
  path: '/api/users/{userId}/tokens',
  tags: ['users'],
  summary: "A user's tokens (never the token values)",
  security: bearer,
  request: { params: userParams },
  responses: { 200: json(z.object({ items: z.array(tokenSchema) }), 'Tokens'), ...protectedErrors },
});

/** A token is issued only to its holder: nobody, an admin included, mints a credential for someone else. */
export const issueTokenRoute = createRoute({
  method: 'post',
  path: '/api/me/tokens',
  tags: ['users'],
  summary: 'Issue yourself another token',
  security: bearer,
  request: {
    body: {
      content: { 'application/json': { schema: z.object({ name: z.string().min(1).max(100), expiresAt }) } },
      required: true,
    },
  },
  responses: { 201: json(issued, 'The token'), ...protectedErrors },
});

/** Offboarding and changes of access: each ends the person's sessions (disable also revokes every token). */
export const changeUserRoute = createRoute({
  method: 'patch',
  path: '/api/users/{userId}',
  tags: ['users'],
  summary: 'Disable or enable a user, change their role or company, or reset their password',
  security: bearer,
  request: {
    params: userParams,
    body: {
      content: {
        'application/json': {
          schema: z
            .object({
              disabled: z.boolean().optional(),
              role: z.enum(ROLES).optional(),
              companyId: z.string().min(1).nullable().optional(),
              password: z.string().min(12).max(1024).optional(),
            })
            .strict(),
        },
      },
      required: true,
    },
  },
  responses: { 200: json(userSchema, 'The user after the change'), ...protectedErrors },
});

export const assignJobRoute = createRoute({
  method: 'post',
  path: '/api/users/{userId}/jobs',
  tags: ['users'],
  summary: 'Give a pm a job to read (the pm role sees only its assigned jobs)',
  security: bearer,
  request: {
    params: userParams,
    body: {
      content: {
        'application/json': {
          schema: z.object({ companyId: z.string().min(1), jobNumber: z.string().min(1) }),
        },
      },
      required: true,
    },
  },
  responses: { 200: json(z.object({ assigned: z.literal(true) }), 'Assigned'), ...protectedErrors },
});

export const revokeTokenRoute = createRoute({
  method: 'delete',
  path: '/api/tokens/{tokenId}',
  tags: ['users'],
  summary: 'Revoke a token',
  security: bearer,
  request: {
    params: z.object({
      tokenId: z
        .string()
        .min(1)
        .openapi({ param: { name: 'tokenId', in: 'path' } }),
    }),
  },
  responses: { 200: json(tokenSchema, 'The revoked token'), ...protectedErrors },
});
