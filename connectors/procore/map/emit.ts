/**
 * Turns a listed Procore item into SourceRecords: the payload is checked with its zod schema, mapped, and
 * any failure becomes a quarantined record whose reason names the endpoint, the record id, the field and
 * the value. The raw item always travels along for drill-down.
 */
import type { z } from 'zod';
import type { SourceRecord } from '../../contract.ts';
import type { ListedItem } from '../paginate.ts';
import { FieldError } from './fields.ts';

export type Parsed<T> = { ok: true; data: T; ref: string } | { ok: false; failure: SourceRecord };

export function parseItem<S extends z.ZodType>(schema: S, listed: ListedItem): Parsed<z.output<S>> {
  const id = idOf(listed.item);
  const ref = `GET ${listed.call}#id=${id}`;
  const result = schema.safeParse(listed.item);
  if (result.success) return { ok: true, data: result.data, ref };
  const issues = result.error.issues
    .map((i) => `field ${i.path.join('.') || '(record)'}: ${i.message}`)
    .join('; ');
  return { ok: false, failure: { ok: false, sourceRef: ref, reason: `${ref}: ${issues}`, raw: listed.item } };
}

/** Maps one record; a FieldError (bad amount, unknown status) quarantines just this record. */
export function mapped(ref: string, raw: unknown, fn: () => Record<string, unknown>): SourceRecord {
  try {
    return { ok: true, values: fn(), sourceRef: ref, raw };
  } catch (e) {
    if (e instanceof FieldError) return { ok: false, sourceRef: ref, reason: `${ref}: ${e.message}`, raw };
    throw e;
  }
}

function idOf(item: unknown): string {
  const id = item && typeof item === 'object' ? (item as { id?: unknown }).id : undefined;
  return typeof id === 'string' || typeof id === 'number' ? String(id) : '?';
}
