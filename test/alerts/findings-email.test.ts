/**
 * Alert emails after a snapshot, delivered to a real SMTP server on 127.0.0.1: who gets what, the
 * contents, dedupe across snapshots, worsening, and a refused connection retried without losing the mail.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { queueFindingAlerts } from '../../src/alerts/findings-alerts.ts';
import { deliverOutbox } from '../../src/alerts/outbox.ts';
import type { AlertRecipient } from '../../src/alerts/recipients.ts';
import { smtpTransport } from '../../src/alerts/transport.ts';
import { listAlertMessages } from '../../src/store/alerts.ts';
import { testStore } from '../approvals/support.ts';
import { finding, recordSnapshot, startSmtp, type TestSmtp } from './support.ts';

const RECIPIENTS: AlertRecipient[] = [
  { email: 'pat@acme.test', role: 'pm', jobs: ['2024-017'] },
  { email: 'quinn@acme.test', role: 'pm', jobs: ['2023-044'] },
  { email: 'ann@acme.test', role: 'approver' },
  { email: 'cpa@firm.test', role: 'extra' },
];
const company = { id: 'acme', name: 'Acme Builders' };
const base = { company, recipients: RECIPIENTS, baseUrl: 'https://tieout.acme.test' };

let smtp: TestSmtp | undefined;
afterEach(async () => {
  await smtp?.close();
  smtp = undefined;
});

const riverside = finding({ key: 'jobcost.mismatch:2024-017|03-300|material' });
const hillcrest = finding({
  key: 'invoice.missing:2023-044|INV-88',
  check: 'invoice.missing',
  jobNumber: '2023-044',
  pmJobName: 'Hillcrest Elementary <Renovation>',
  message: 'Invoice INV-88 approved in Procore is not in the books',
  pmAmount: '2000.00',
  erpAmount: null,
  difference: '2000.00',
});
const minor = finding({
  key: 'budget.mismatch:2024-017|01-100|labor',
  check: 'budget.mismatch',
  severity: 'info',
});

describe('alert emails after a snapshot', () => {
  it('each PM gets only their jobs; approvers and extra addresses get everything', async () => {
    smtp = await startSmtp();
    const store = testStore();
    recordSnapshot(store, 's1', '2026-11-20T08:00:00.000Z', [riverside, hillcrest, minor]);
    const queued = queueFindingAlerts(store, {
      ...base,
      snapshotId: 's1',
      takenAt: '2026-11-20T08:00:00.000Z',
      at: '2026-11-20T08:05:00.000Z',
    });
    expect(Object.fromEntries(queued)).toEqual({
      'pat@acme.test': 1,
      'quinn@acme.test': 1,
      'ann@acme.test': 2,
      'cpa@firm.test': 2,
    });
    const transport = smtpTransport(smtp.url);
    expect(await deliverOutbox(store, transport)).toEqual({ delivered: 4, retrying: 0, failed: 0 });
    transport.close();
    const to = (addr: string) => smtp!.received.find((m) => m.to.includes(addr))!;
    expect(smtp.received).toHaveLength(4);
    expect(to('pat@acme.test').raw).toContain('Riverside Medical Office Building');
    expect(to('pat@acme.test').raw).not.toContain('Hillcrest');
    expect(to('quinn@acme.test').raw).not.toContain('Riverside');
    const ann = to('ann@acme.test').raw;
    expect(ann).toMatch(/Subject: Acme Builders: 2 mismatches need attention \(2 critical\)/);
    expect(ann).toContain('Content-Type: text/plain');
    expect(ann).toContain('Content-Type: text/html');
    expect(ann).toContain('Procore $1,000.00 · books $1,500.00 · difference -$500.00');
    expect(ann).toContain(
      'https://tieout.acme.test/companies/acme/findings/jobcost.mismatch%3A2024-017%7C03-300%7Cmaterial',
    );
    // Values from the source systems are escaped in the HTML part.
    expect(ann).toContain('Hillcrest Elementary &lt;Renovation&gt;');
    // Below the severity threshold: not sent.
    expect(ann).not.toContain('01-100');
  });

  it('the same finding is not sent twice; it is sent again when it worsens', async () => {
    smtp = await startSmtp();
    const store = testStore();
    recordSnapshot(store, 's1', '2026-11-20T08:00:00.000Z', [riverside]);
    queueFindingAlerts(store, {
      ...base,
      snapshotId: 's1',
      takenAt: '2026-11-20T08:00:00.000Z',
      at: '2026-11-20T08:05:00.000Z',
    });
    recordSnapshot(store, 's2', '2026-11-21T08:00:00.000Z', [riverside]);
    const unchanged = queueFindingAlerts(store, {
      ...base,
      snapshotId: 's2',
      takenAt: '2026-11-21T08:00:00.000Z',
      at: '2026-11-21T08:05:00.000Z',
    });
    expect(unchanged.size).toBe(0);
    const worse = { ...riverside, erpAmount: '1900.00', difference: '-900.00' };
    recordSnapshot(store, 's3', '2026-11-22T08:00:00.000Z', [worse]);
    const worsened = queueFindingAlerts(store, {
      ...base,
      snapshotId: 's3',
      takenAt: '2026-11-22T08:00:00.000Z',
      at: '2026-11-22T08:05:00.000Z',
    });
    expect([...worsened.keys()].sort()).toEqual(['ann@acme.test', 'cpa@firm.test', 'pat@acme.test']);
    const transport = smtpTransport(smtp.url);
    await deliverOutbox(store, transport);
    transport.close();
    const pats = smtp.received.filter((m) => m.to.includes('pat@acme.test'));
    expect(pats).toHaveLength(2);
    expect(pats[1]!.raw).toContain('[critical, worsened]');
    expect(pats[1]!.raw).toContain('difference -$900.00');
  });

  it('a refused connection is retried later and the email is delivered, never lost', async () => {
    const store = testStore();
    recordSnapshot(store, 's1', '2026-11-20T08:00:00.000Z', [riverside]);
    queueFindingAlerts(store, {
      ...base,
      recipients: [RECIPIENTS[2]!],
      snapshotId: 's1',
      takenAt: '2026-11-20T08:00:00.000Z',
    });
    // Nothing listens yet: take a free port, close it, and point SMTP there.
    const probe = await startSmtp();
    const port = probe.port;
    await probe.close();
    const down = smtpTransport(`smtp://127.0.0.1:${port}?ignoreTLS=true&connectionTimeout=2000`);
    let clock = new Date('2026-11-20T09:00:00.000Z');
    const report = await deliverOutbox(store, down, { now: () => clock });
    down.close();
    expect(report).toEqual({ delivered: 0, retrying: 1, failed: 0 });
    const [queued] = listAlertMessages(store.db, 'acme');
    expect(queued!.status).toBe('queued');
    expect(queued!.lastError).toMatch(/ECONNREFUSED/);
    expect(queued!.nextAttemptAt).toBe('2026-11-20T09:01:00.000Z');
    // Not due yet: no attempt.
    smtp = await startSmtp(port);
    const up = smtpTransport(smtp.url);
    expect(await deliverOutbox(store, up, { now: () => clock })).toEqual({
      delivered: 0,
      retrying: 0,
      failed: 0,
    });
    clock = new Date('2026-11-20T09:02:00.000Z');
    expect(await deliverOutbox(store, up, { now: () => clock })).toEqual({
      delivered: 1,
      retrying: 0,
      failed: 0,
    });
    up.close();
    const [sent] = listAlertMessages(store.db, 'acme');
    expect(sent).toMatchObject({ status: 'sent', attempts: 2, lastError: null });
    expect(smtp.received).toHaveLength(1);
  });
});
