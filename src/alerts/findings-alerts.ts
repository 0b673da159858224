/**
 * After a snapshot: new and worsened findings at or above the severity threshold (forecast overruns and
 * stale sources always), one email per recipient with only what they should see, never the same finding
 * twice to the same person unless it worsened (a larger difference or a higher severity) or came back
 * after being resolved. The dedupe record is written in the same transaction as the queued email.
 */
import { Dec } from '../../connectors/canonical/money.ts';
import { SEVERITIES, type Severity } from '../recon/catalogue.ts';
import type { Finding } from '../recon/types.ts';
import { alertableObservations, recordSentFinding, sentFindings } from '../store/alerts.ts';
import { type Store, withTransaction } from '../store/db.ts';
import { type AlertItem, composeFindingsEmail } from './compose-findings.ts';
import { queueEmail } from './outbox.ts';
import { type AlertRecipient, seesJob } from './recipients.ts';

const ALWAYS: readonly string[] = [
  'forecast.overrun',
  'forecast.below_committed',
  'forecast.trend',
  'fade.period',
  'source.stale',
];

export interface FindingAlertsInput {
  company: { id: string; name: string };
  snapshotId: string;
  takenAt: string;
  recipients: AlertRecipient[];
  minSeverity?: Severity;
  baseUrl: string;
  at?: string;
}

const rank = (s: string) => SEVERITIES.indexOf(s as Severity);
const magnitude = (f: Finding) => (f.difference === null ? '' : new Dec(f.difference).abs().toFixed(2));

function worsenedSince(
  f: Finding,
  sent: { sentMagnitude: string; severity: string; sentAt: string },
  firstSeenAt: string,
) {
  if (sent.sentAt < firstSeenAt) return true; // resolved and back: a new occurrence
  if (rank(f.severity) > rank(sent.severity)) return true;
  const now = magnitude(f);
  return now !== '' && sent.sentMagnitude !== '' && new Dec(now).gt(sent.sentMagnitude);
}

/** Queues the emails; returns recipient → number of findings queued for them. */
export function queueFindingAlerts(store: Store, input: FindingAlertsInput): Map<string, number> {
  const at = input.at ?? new Date().toISOString();
  const min = rank(input.minSeverity ?? 'warning');
  const candidates = alertableObservations(store.db, input.company.id, input.snapshotId)
    .map((o) => ({
      finding: JSON.parse(o.finding) as Finding,
      drift: o.drift as AlertItem['drift'],
      firstSeenAt: o.firstSeenAt,
    }))
    .filter((c) => ALWAYS.includes(c.finding.check) || rank(c.finding.severity) >= min);
  const queued = new Map<string, number>();
  if (candidates.length === 0) return queued;
  withTransaction(store, (db) => {
    for (const r of input.recipients) {
      const already = sentFindings(db, input.company.id, r.email);
      const items = candidates.filter((c) => {
        if (!seesJob(r, c.finding.jobNumber) && c.finding.check !== 'source.stale') return false;
        const sent = already.get(c.finding.key);
        return !sent || worsenedSince(c.finding, sent, c.firstSeenAt);
      });
      if (items.length === 0) continue;
      const email = composeFindingsEmail({
        companyName: input.company.name,
        companyId: input.company.id,
        takenAt: input.takenAt,
        items: items.map(({ finding, drift }) => ({ finding, drift })),
        baseUrl: input.baseUrl,
      });
      queueEmail(db, { companyId: input.company.id, kind: 'findings', recipient: r.email, email, at });
      for (const { finding } of items) {
        recordSentFinding(db, {
          companyId: input.company.id,
          recipient: r.email,
          findingKey: finding.key,
          sentMagnitude: magnitude(finding),
          severity: finding.severity,
          sentAt: at,
        });
      }
      queued.set(r.email, items.length);
    }
  });
  return queued;
}
