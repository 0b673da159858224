/** Cursor pagination over a list in a stable order: the cursor is the opaque key of the last item returned. */
import { z } from '@hono/zod-openapi';
import { ApiError } from './errors.ts';

export const pageQuery = z.object({
  cursor: z.string().optional().openapi({ description: 'nextCursor of the previous page' }),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export function paginate<T>(
  sorted: T[],
  keyOf: (item: T) => string,
  cursor: string | undefined,
  limit: number,
): Page<T> {
  let start = 0;
  if (cursor) {
    let after: string;
    try {
      after = Buffer.from(cursor, 'base64url').toString('utf8');
    } catch {
      throw new ApiError(
        'bad_request',
        'invalid_cursor',
        'query field "cursor": not a cursor tieout gave out',
      );
    }
    start = sorted.findIndex((item) => keyOf(item) > after);
    if (start === -1) start = sorted.length;
  }
  const items = sorted.slice(start, start + limit);
  const more = start + limit < sorted.length;
  return {
    items,
    nextCursor: more && items.length > 0 ? Buffer.from(keyOf(items.at(-1)!)).toString('base64url') : null,
  };
}
