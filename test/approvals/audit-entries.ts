/** Reads the audit entries of one entity, in order (tests only). */
import { asc, eq } from 'drizzle-orm';
import type { Store } from '../../src/store/db.ts';
import { auditLog } from '../../src/store/schema/audit.ts';

export function listAuditEntries(store: Store, entity: string) {
  return store.db.select().from(auditLog).where(eq(auditLog.entity, entity)).orderBy(asc(auditLog.seq)).all();
}
