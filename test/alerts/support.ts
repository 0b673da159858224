/** Helpers for alert tests: findings recorded as the reconciliation would, and a real SMTP server. */
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import type { Finding } from '../../src/recon/types.ts';
import type { Store } from '../../src/store/db.ts';
import { recordFindings } from '../../src/store/findings.ts';

export function finding(over: Partial<Finding> & { key: string }): Finding {
  return {
    check: 'jobcost.mismatch',
    severity: 'critical',
    companyId: 'acme',
    snapshotId: 's1',
    takenAt: '2026-11-20T08:00:00.000Z',
    jobNumber: '2024-017',
    pmJobId: '1',
    erpJobId: 'J-2024-017',
    pmJobName: 'Riverside Medical Office Building',
    erpJobName: 'Riverside MOB',
    costCode: '03-300',
    costType: 'material',
    document: null,
    vendor: null,
    pmAmount: '1000.00',
    erpAmount: '1500.00',
    difference: '-500.00',
    tolerance: { absolute: '1.00', relative: '0' },
    message: 'Job cost for 03-300 material differs: Procore $1,000.00, books $1,500.00',
    documents: { pm: [], erp: [] },
    facts: {},
    ...over,
  } as Finding;
}

/** Records a snapshot's findings (with drift against the previous one), as reconciliation does. */
export function recordSnapshot(store: Store, snapshotId: string, takenAt: string, findings: Finding[]) {
  return recordFindings(store, {
    companyId: 'acme',
    snapshotId,
    takenAt,
    findings: findings.map((f) => ({ ...f, snapshotId, takenAt })),
  });
}

export interface ReceivedMail {
  from: string;
  to: string[];
  raw: string;
}

export interface TestSmtp {
  url: string;
  port: number;
  received: ReceivedMail[];
  close(): Promise<void>;
}

export async function startSmtp(port = 0): Promise<TestSmtp> {
  const received: ReceivedMail[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        received.push({
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
          to: session.envelope.rcptTo.map((r) => r.address),
          raw: decodeQuotedPrintable(Buffer.concat(chunks).toString('utf8')),
        });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', () => resolve()));
  const actual = (server.server.address() as AddressInfo).port;
  return {
    url: `smtp://127.0.0.1:${actual}?ignoreTLS=true`,
    port: actual,
    received,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** Enough quoted-printable decoding to read a message body in assertions. */
function decodeQuotedPrintable(s: string): string {
  return s
    .replace(/=\r?\n/g, '')
    .replace(/(?:=[0-9A-F]{2})+/g, (m) => Buffer.from(m.replace(/=/g, ''), 'hex').toString('utf8'));
}
