/** Tells every other approver of a new approver (queued emails, in the grant's transaction). */
import { and, eq, isNull } from 'drizzle-orm';
import { queueEmail } from '../alerts/outbox.ts';
import type { StoreDb } from '../store/db.ts';
import { users } from '../store/schema/users.ts';
import type { UserRow } from '../store/users.ts';
import type { VerbCtx } from '../verb.ts';

/**
 * Granting the approver role is what lets a person decide writes to Procore and the books, so every other
 * approver who can see the person's company hears of it (an admin cannot quietly make themselves a second
 * approver). Call inside the grant's transaction.
 */
export function tellApprovers(db: StoreDb, ctx: VerbCtx, granted: UserRow, when: string): number {
  const others = db
    .select()
    .from(users)
    .where(and(eq(users.role, 'approver'), isNull(users.disabledAt)))
    .all()
    .filter(
      (u) =>
        u.id !== granted.id &&
        (u.companyId === null || granted.companyId === null || u.companyId === granted.companyId),
    );
  const text =
    `${ctx.actor.id} gave ${granted.email} the approver role on ${when.slice(0, 10)}` +
    ` (${granted.companyId ?? 'every company'}). Approvers decide writes to Procore and the books.` +
    ' If you did not expect this, ask an installation admin to check the audit log.';
  for (const u of others) {
    queueEmail(db, {
      companyId: granted.companyId ?? 'installation',
      kind: 'digest',
      recipient: u.email,
      email: {
        subject: `tieout: ${granted.email} is now an approver`,
        text,
        html: `<p>${escapeHtml(text)}</p>`,
      },
      at: when,
    });
  }
  return others.length;
}

const escapeHtml = (s: string) =>
  s.replace(
    /[&<>"']/g,
    (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[ch]!,
  );
