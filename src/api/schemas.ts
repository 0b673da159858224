/** Schemas shared by the API's route definitions. */
import { z } from '@hono/zod-openapi';

export const errorSchema = z
  .object({
    error: z.object({ code: z.string(), message: z.string(), requestId: z.string() }),
  })
  .openapi('Error');

const errorContent = { 'application/json': { schema: errorSchema } };

/** The error responses a protected route can give. */
export const protectedErrors = {
  400: { description: 'A field is invalid (the message names it)', content: errorContent },
  401: { description: 'No credentials, or they are invalid, revoked or expired', content: errorContent },
  403: { description: 'The role, company or job is not allowed', content: errorContent },
  404: { description: 'Not found', content: errorContent },
  409: { description: 'Conflicts with the current state', content: errorContent },
} as const;

export const bearer = [{ bearer: [] }];

export const companyParams = z.object({
  companyId: z
    .string()
    .min(1)
    .openapi({ param: { name: 'companyId', in: 'path' }, example: 'demo' }),
});

export const isoDate = z.iso.date();
export const period = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'write the period as YYYY-MM');

export const json = <T extends z.ZodType>(schema: T, description: string) => ({
  description,
  content: { 'application/json': { schema } },
});

export const noteBody = z.object({ note: z.string().trim().min(1).max(2000) }).openapi('Note');
