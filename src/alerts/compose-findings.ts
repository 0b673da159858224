/**
 * The findings email for one recipient after a snapshot: new and worsened findings grouped by job, the
 * amounts on both sides and the difference, with a link to each finding's page. Plain text and HTML.
 */
import { Dec } from '../../connectors/canonical/money.ts';
import type { Finding } from '../recon/types.ts';
import { esc } from './html.ts';

export interface AlertItem {
  finding: Finding;
  drift: 'new' | 'worsened';
}

export interface ComposedEmail {
  subject: string;
  text: string;
  html: string;
}

/** $1,250,000.00 — for people; the numbers themselves stay decimal strings. */
export function displayMoney(v: string | null): string {
  if (v === null) return '—';
  const d = new Dec(v);
  const [int, frac] = d.abs().toFixed(2, Dec.ROUND_HALF_UP).split('.');
  return `${d.isNegative() ? '-' : ''}$${int!.replace(/\B(?=(\d{3})+(?!\d))/g, ',')}.${frac}`;
}
const money = displayMoney;

export function composeFindingsEmail(input: {
  companyName: string;
  companyId: string;
  takenAt: string;
  items: AlertItem[];
  baseUrl: string;
}): ComposedEmail {
  const { items, baseUrl } = input;
  const critical = items.filter((i) => i.finding.severity === 'critical').length;
  const stale = items.some((i) => i.finding.check === 'source.stale');
  const subject = `${input.companyName}: ${items.length} ${items.length === 1 ? 'mismatch' : 'mismatches'} need attention${critical ? ` (${critical} critical)` : ''}${stale ? ' — a source is stale' : ''}`;
  const byJob = new Map<string, AlertItem[]>();
  for (const item of items) {
    const job = item.finding.jobNumber
      ? `${item.finding.jobNumber} ${item.finding.pmJobName ?? item.finding.erpJobName ?? ''}`.trim()
      : 'Company-wide';
    byJob.set(job, [...(byJob.get(job) ?? []), item]);
  }
  const link = (f: Finding) =>
    `${baseUrl}/companies/${encodeURIComponent(input.companyId)}/findings/${encodeURIComponent(f.key)}`;
  const textBlocks: string[] = [
    `tieout found these differences between Procore and the books in the snapshot of ${input.takenAt}.`,
    '',
  ];
  const htmlBlocks: string[] = [
    `<p>tieout found these differences between Procore and the books in the snapshot of ${esc(input.takenAt)}.</p>`,
  ];
  for (const [job, list] of [...byJob.entries()].sort(([a], [b]) => a.localeCompare(b))) {
    textBlocks.push(`== ${job} ==`);
    htmlBlocks.push(
      `<h3>${esc(job)}</h3><table border="1" cellpadding="4" cellspacing="0"><tr><th>Severity</th><th>Change</th><th>Check</th><th>What</th><th>Procore</th><th>Books</th><th>Difference</th></tr>`,
    );
    for (const { finding: f, drift } of list) {
      textBlocks.push(
        `- [${f.severity}, ${drift}] ${f.message}`,
        `  Procore ${money(f.pmAmount)} · books ${money(f.erpAmount)} · difference ${money(f.difference)}`,
        `  ${link(f)}`,
      );
      htmlBlocks.push(
        `<tr><td>${esc(f.severity)}</td><td>${esc(drift)}</td><td>${esc(f.check)}</td><td><a href="${esc(link(f))}">${esc(f.message)}</a></td><td align="right">${esc(money(f.pmAmount))}</td><td align="right">${esc(money(f.erpAmount))}</td><td align="right">${esc(money(f.difference))}</td></tr>`,
      );
    }
    textBlocks.push('');
    htmlBlocks.push('</table>');
  }
  const all = `${baseUrl}/companies/${encodeURIComponent(input.companyId)}/findings`;
  textBlocks.push(`All open findings: ${all}`);
  htmlBlocks.push(`<p><a href="${esc(all)}">All open findings</a></p>`);
  return { subject, text: textBlocks.join('\n'), html: `<html><body>${htmlBlocks.join('\n')}</body></html>` };
}
