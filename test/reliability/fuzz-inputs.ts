/**
 * fast-check arbitraries for API requests built from the OpenAPI document: each operation's path
 * parameters, query and JSON body, filled with values that are valid-ish (taken from the schema: enums,
 * examples, patterns, the test company's real ids) or hostile (huge strings, unicode, control characters,
 * negative / NaN / enormous numbers, wrong types, missing fields, bad cursors, impossible dates, malformed
 * percent-encoding).
 */
import fc from 'fast-check';

export interface JsonSchema {
  type?: string;
  enum?: unknown[];
  example?: unknown;
  pattern?: string;
  format?: string;
  minimum?: number;
  maximum?: number;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  $ref?: string;
}

export interface Operation {
  method: string;
  /** As in the document: /api/companies/{companyId}. */
  path: string;
  /** As in the access table: /api/companies/:companyId. */
  route: string;
  params: { in: 'path' | 'query'; name: string; schema: JsonSchema }[];
  body?: JsonSchema;
}

export interface FuzzRequest {
  op: Operation;
  role: string;
  url: string;
  body?: string;
  contentType?: string;
}

// biome-ignore lint/suspicious/noExplicitAny: the OpenAPI document is read as plain JSON.
export function operations(doc: any): Operation[] {
  const resolve = (s: JsonSchema | undefined): JsonSchema | undefined =>
    s?.$ref ? doc.components.schemas[s.$ref.replace('#/components/schemas/', '')] : s;
  const out: Operation[] = [];
  for (const [path, ops] of Object.entries(doc.paths as Record<string, Record<string, unknown>>)) {
    for (const [method, raw] of Object.entries(ops)) {
      // biome-ignore lint/suspicious/noExplicitAny: see above.
      const op = raw as any;
      out.push({
        method: method.toUpperCase(),
        path,
        route: path.replace(/\{(\w+)\}/g, ':$1'),
        // biome-ignore lint/suspicious/noExplicitAny: see above.
        params: (op.parameters ?? []).map((p: any) => ({
          in: p.in,
          name: p.name,
          schema: resolve(p.schema),
        })),
        body: resolve(op.requestBody?.content?.['application/json']?.schema),
      });
    }
  }
  return out;
}

const HOSTILE_TEXT = [
  '',
  ' ',
  '0',
  '-1',
  'NaN',
  'Infinity',
  '1e309',
  '-0',
  '99999999999999999999999999999999999999',
  '2026-02-30',
  '2026-13-01',
  '0000-00-00',
  '26-10-31',
  '2026-10-31T25:00:00Z',
  'null',
  'undefined',
  'true',
  '[]',
  '{}',
  '../../../../etc/passwd',
  "' OR 1=1 --",
  '"; DROP TABLE findings; --',
  '<script>alert(1)</script>',
  '{{7*7}}',
  '\u0000',
  '\u202Eevil',
  'Ωmega ✓ 日本語 🏗️',
  'a'.repeat(5_000),
  'eyJmYWtlIjoiY3Vyc29yIn0',
  '!!!not-base64!!!',
  'ZZZZ',
  '\uD800',
];

const hostileString = fc.oneof(
  fc.constantFrom(...HOSTILE_TEXT),
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.integer().map(String),
  fc.double().map(String),
);

function validish(name: string, schema: JsonSchema, pool: Record<string, string[]>): fc.Arbitrary<string> {
  const options: string[] = [...(pool[name] ?? [])];
  if (schema.enum) options.push(...schema.enum.map(String));
  if (schema.example !== undefined) options.push(String(schema.example));
  if (schema.format === 'date') options.push('2026-10-31', '2026-09-30', '2025-12-31');
  if (schema.format === 'date-time') options.push('2027-01-01T00:00:00.000Z', '2020-01-01T00:00:00Z');
  if (schema.format === 'email') options.push('new.user@acme.test', 'admin@acme.test');
  if (schema.type === 'integer') options.push('1', '10', '500', '501', '0');
  if (schema.pattern?.includes('open|acknowledged')) options.push('open', 'open,resolved', 'bogus');
  if (schema.pattern?.includes('\\d{4}-(0[1-9]')) options.push('2026-10', '2026-09', '2026-00');
  if (schema.pattern?.includes('\\.\\d{1,2}')) options.push('1250000.00', '-12.5', '0', '1.234');
  if (options.length === 0) options.push('x');
  return fc.constantFrom(...options);
}

/** A value for a path or query parameter: mostly valid-ish, often hostile. */
function paramValue(name: string, schema: JsonSchema, pool: Record<string, string[]>) {
  return fc.oneof(
    { weight: 3, arbitrary: validish(name, schema, pool) },
    { weight: 2, arbitrary: hostileString },
  );
}

/** Encodes a value for the URL; sometimes leaves malformed percent-encoding in on purpose. */
/** Lone surrogates replaced (URLSearchParams would otherwise do it silently, or encodeURIComponent throw). */
const wellFormed = (v: string) =>
  v.replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD');

function encoded(v: string, raw: boolean): string {
  if (raw) return v.replace(/[\s#?/]/g, '') || '%';
  try {
    return encodeURIComponent(v);
  } catch {
    return '%ED%A0%80'; // a lone surrogate, percent-encoded as invalid UTF-8
  }
}

function bodyValue(schema: JsonSchema, pool: Record<string, string[]>): fc.Arbitrary<unknown> {
  const props = Object.entries(schema.properties ?? {});
  const wrongType = fc.oneof(
    fc.integer(),
    fc.double(),
    fc.boolean(),
    fc.constant(null),
    fc.constant([]),
    fc.constant({ nested: { deeper: true } }),
    fc.constant(-1),
    fc.constant(Number.MAX_SAFE_INTEGER),
  );
  const field = (name: string, s: JsonSchema) =>
    fc.oneof(
      { weight: 4, arbitrary: validish(name, s, pool) },
      { weight: 2, arbitrary: hostileString },
      { weight: 2, arbitrary: wrongType },
    );
  const object = fc.record(
    Object.fromEntries(props.map(([name, s]) => [name, field(name, s)])) as Record<
      string,
      fc.Arbitrary<unknown>
    >,
    { requiredKeys: [] },
  );
  const withExtra = fc.tuple(object, fc.dictionary(fc.string({ maxLength: 8 }), wrongType, { maxKeys: 3 }));
  return fc.oneof(
    { weight: 6, arbitrary: object },
    { weight: 1, arbitrary: withExtra.map(([o, extra]) => ({ ...extra, ...(o as object) })) },
    { weight: 1, arbitrary: wrongType },
    { weight: 1, arbitrary: fc.array(object, { maxLength: 3 }) },
  );
}

/** A body as sent: JSON, broken JSON, another content type, or nothing. */
function sentBody(schema: JsonSchema | undefined, pool: Record<string, string[]>) {
  const json = (schema ? bodyValue(schema, pool) : fc.constant({})).map((v) => ({
    body: JSON.stringify(v) as string | undefined,
    contentType: 'application/json' as string | undefined,
  }));
  return fc.oneof(
    { weight: 8, arbitrary: json },
    {
      weight: 1,
      arbitrary: fc.constant({ body: '{"note": "unterminated', contentType: 'application/json' }),
    },
    { weight: 1, arbitrary: fc.constant({ body: undefined, contentType: undefined }) },
    {
      weight: 1,
      arbitrary: fc.constant({ body: 'note=hello', contentType: 'application/x-www-form-urlencoded' }),
    },
    {
      weight: 1,
      arbitrary: fc.constant({ body: `{"note":"${'x'.repeat(300_000)}"}`, contentType: 'application/json' }),
    },
  );
}

export function requestArbitrary(
  ops: Operation[],
  roles: string[],
  pool: Record<string, string[]>,
): fc.Arbitrary<FuzzRequest> {
  return fc.constantFrom(...ops).chain((op) => {
    const pathArbs = op.params
      .filter((p) => p.in === 'path')
      .map((p) => fc.tuple(fc.constant(p.name), paramValue(p.name, p.schema, pool), fc.boolean()));
    const queryArbs = op.params
      .filter((p) => p.in === 'query')
      .map((p) => fc.option(fc.tuple(fc.constant(p.name), paramValue(p.name, p.schema, pool))));
    const withBody = op.method !== 'GET' && op.method !== 'DELETE';
    return fc
      .record({
        role: fc.constantFrom(...roles),
        path: fc.tuple(...pathArbs),
        query: fc.tuple(...queryArbs),
        // Rarely: a parameter the route does not declare.
        extra: fc.option(fc.tuple(fc.constantFrom('cursor', 'limit', 'asOf', 'zzz'), hostileString), {
          freq: 8,
        }),
        rawPercent: fc.integer({ min: 0, max: 19 }).map((n) => n === 0),
        body: withBody ? sentBody(op.body, pool) : fc.constant({ body: undefined, contentType: undefined }),
      })
      .map((r) => {
        let url = op.path;
        for (const [name, value, raw] of r.path)
          url = url.replace(`{${name}}`, encoded(value, raw && r.rawPercent));
        const q = new URLSearchParams();
        for (const entry of [...r.query, r.extra]) if (entry) q.append(entry[0], wellFormed(entry[1]));
        const search = q.toString();
        return {
          op,
          role: r.role,
          url: search ? `${url}?${search}` : url,
          body: r.body.body,
          contentType: r.body.contentType,
        };
      });
  });
}
