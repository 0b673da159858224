/**
 * The approver's daily digest: proposals waiting for a decision with their age, approved writes not yet
 * executed and failed ones, and two alarms — no approver at all (items would wait forever), and items
 * waiting longer than the company's approvalStaleDays. Sent to approvers, admins and the extra addresses;
 * nothing is sent on a day with nothing waiting and nothing wrong, and at most one digest a day.
 */
import { and, desc, eq } from 'drizzle-orm';
import { listProposals, type ProposalRow } from '../store/approvals.ts';
import { type AuditHead, auditHead, formatHead } from '../store/audit.ts';
import { type Store, withTransaction } from '../store/db.ts';
import { alertMessages } from '../store/schema/alerts.ts';
import type { ComposedEmail } from './compose-findings.ts';
import { esc } from './html.ts';
import { queueEmail } from './outbox.ts';
import { type AlertRecipient, isApproverOrAdmin } from './recipients.ts';

const HEAD_LINE = 'Audit chain head (keep this; check with tieout audit verify --head)';

export interface DigestInput {
  company: { id: string; name: string };
  recipients: AlertRecipient[];
  staleDays: number;
  baseUrl: string;
  now?: Date;
}

const DAY = 86_400_000;
const ageDays = (p: ProposalRow, now: Date) => Math.floor((now.getTime() - Date.parse(p.proposedAt)) / DAY);

export function composeDigest(
  input: DigestInput,
  items: ProposalRow[],
  head: AuditHead | null = null,
): ComposedEmail | null {
  const now = input.now ?? new Date();
  const pending = items.filter((p) => p.status === 'pending');
  const waitingToRun = items.filter((p) => p.status === 'approved' || p.status === 'executing');
  const failed = items.filter((p) => p.status === 'failed');
  const noApprover = !input.recipients.some((r) => r.role === 'approver');
  const overdue = pending.filter((p) => ageDays(p, now) > input.staleDays);
  if (items.length === 0 && !noApprover) return null;
  const alarms: string[] = [];
  if (noApprover)
    alarms.push(
      `${input.company.name} has no approver: proposed writes can never be approved. Give a user the approver role.`,
    );
  if (overdue.length > 0)
    alarms.push(`${overdue.length} proposal(s) have waited longer than ${input.staleDays} days.`);
  const link = `${input.baseUrl}/approvals?company=${encodeURIComponent(input.company.id)}`;
  const line = (p: ProposalRow) =>
    `${p.summary} — proposed by ${p.proposedBy}, ${ageDays(p, now)} day(s) ago${p.lastError ? ` — error: ${p.lastError}` : ''}`;
  const sections: [string, ProposalRow[]][] = [
    ['Waiting for a decision', pending],
    ['Approved, not yet written', waitingToRun],
    ['Failed writes', failed],
  ];
  const text = [
    ...alarms.map((a) => `! ${a}`),
    ...(alarms.length ? [''] : []),
    ...sections.flatMap(([title, list]) =>
      list.length ? [`== ${title} (${list.length}) ==`, ...list.map((p) => `- ${line(p)}`), ''] : [],
    ),
    `Open the queue: ${link}`,
    ...(head ? ['', `${HEAD_LINE}: ${formatHead(head)}`] : []),
  ].join('\n');
  const html = `<html><body>${alarms.map((a) => `<p><strong>${esc(a)}</strong></p>`).join('')}${sections
    .filter(([, list]) => list.length)
    .map(
      ([title, list]) =>
        `<h3>${esc(title)} (${list.length})</h3><ul>${list.map((p) => `<li>${esc(line(p))}</li>`).join('')}</ul>`,
    )
    .join('')}<p><a href="${esc(link)}">Open the approval queue</a></p>${
    head ? `<p><small>${esc(HEAD_LINE)}: <code>${esc(formatHead(head))}</code></small></p>` : ''
  }</body></html>`;
  const subject = `${input.company.name}: ${pending.length} write(s) waiting for approval${overdue.length ? `, ${overdue.length} overdue` : ''}${noApprover ? ' — no approver assigned' : ''}`;
  return { subject, text, html };
}

/** Queues today's digest for each approver/admin recipient; returns how many were queued. */
export function queueApproverDigest(store: Store, input: DigestInput): number {
  const now = input.now ?? new Date();
  const last = store.db
    .select({ createdAt: alertMessages.createdAt })
    .from(alertMessages)
    .where(and(eq(alertMessages.companyId, input.company.id), eq(alertMessages.kind, 'digest')))
    .orderBy(desc(alertMessages.createdAt))
    .limit(1)
    .get();
  if (last && now.getTime() - Date.parse(last.createdAt) < 20 * 3_600_000) return 0;
  const items = listProposals(store.db, {
    companyId: input.company.id,
    statuses: ['pending', 'approved', 'executing', 'failed'],
  });
  // The audit chain's head rides in every digest: a copy outside the store that a rewrite cannot reach.
  const email = composeDigest(input, items, auditHead(store.db));
  if (!email) return 0;
  const to = input.recipients.filter(isApproverOrAdmin);
  return withTransaction(store, (db) => {
    for (const r of to)
      queueEmail(db, {
        companyId: input.company.id,
        kind: 'digest',
        recipient: r.email,
        email,
        at: now.toISOString(),
      });
    return to.length;
  });
}
