/**
 * Reading whole lists (official-docs/plan_your_app/pagination.md): ask for `per_page` as large as allowed,
 * follow `Link rel="next"` until it is absent, and cross-check the items read against `Total`. A list that
 * changes while it is read (Total disagrees) is read again once, then fails the run rather than publishing
 * a snapshot with a record missing or doubled. Endpoints that do not paginate are read with one call.
 * v2 endpoints wrap the array in a `data` envelope; both shapes are accepted.
 */
import { SourceError } from '../contract.ts';
import { type CallContext, header, type ProcoreHttp } from './http.ts';
import { parseLinkHeader } from './link.ts';

export interface ListedItem {
  item: unknown;
  /** The call that returned it (path and query), for source references. */
  call: string;
}

export type Query = Record<string, string | undefined>;

export function withQuery(path: string, query: Query): string {
  const qs = Object.entries(query)
    .filter(([, v]) => v !== undefined)
    .map(
      ([k, v]) =>
        `${encodeURIComponent(k).replace(/%5B/g, '[').replace(/%5D/g, ']')}=${encodeURIComponent(v!)}`,
    )
    .join('&');
  return qs ? `${path}?${qs}` : path;
}

export function unwrapList(body: unknown, call: string): unknown[] {
  if (Array.isArray(body)) return body;
  if (body && typeof body === 'object' && Array.isArray((body as { data?: unknown }).data)) {
    return (body as { data: unknown[] }).data;
  }
  throw new SourceError(
    'procore_unexpected_payload',
    `GET ${call} did not return a list (nor a {data: [...]} envelope)`,
  );
}

export async function readList(
  http: ProcoreHttp,
  path: string,
  query: Query,
  ctx: CallContext & { paginated: boolean; perPage: number },
): Promise<ListedItem[]> {
  if (!ctx.paginated) {
    const res = await http.get(withQuery(path, query), ctx);
    return unwrapList(res.body, res.call).map((item) => ({ item, call: res.call }));
  }
  for (let round = 1; ; round++) {
    const { items, total } = await readPages(http, path, query, ctx);
    if (total === undefined || total === items.length) return items;
    if (round >= 2) {
      throw new SourceError(
        'procore_list_changed',
        `GET ${path}: Procore reported Total ${total} but ${items.length} items were read, twice; the list is changing while it is read. Run again later`,
      );
    }
  }
}

async function readPages(
  http: ProcoreHttp,
  path: string,
  query: Query,
  ctx: CallContext & { perPage: number },
): Promise<{ items: ListedItem[]; total?: number }> {
  const items: ListedItem[] = [];
  let total: number | undefined;
  let next: string | undefined = withQuery(path, { ...query, page: '1', per_page: String(ctx.perPage) });
  const seen = new Set<string>();
  while (next) {
    if (seen.has(next))
      throw new SourceError('procore_link_loop', `GET ${path}: the Link header points back to ${next}`);
    seen.add(next);
    const res = await http.get(next, ctx);
    for (const item of unwrapList(res.body, res.call)) items.push({ item, call: res.call });
    const t = Number(header(res.headers, 'total'));
    if (Number.isFinite(t)) total = t;
    const link = parseLinkHeader(res.headers.link)?.next;
    next = link ? relativeTo(link) : undefined;
  }
  return { items, total };
}

/** Link URLs are absolute (on api.procore.com); the path and query are followed on the configured base. */
function relativeTo(link: string): string {
  try {
    const u = new URL(link, 'http://base.invalid');
    return `${u.pathname}${u.search}`;
  } catch {
    return link;
  }
}
