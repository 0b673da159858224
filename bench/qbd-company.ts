/**
 * The QuickBooks side of the QuickBooks Desktop bench, run as its own process (QuickBooks and the Web
 * Connector live on another machine): a synthetic company of `jobs` Customer:Jobs, 60 cost-code items, 300
 * vendors and bills of 10 item lines each until `lines` lines, driven through one Web Connector session
 * against the endpoint URL. Prints the session transcript's totals as JSON on stdout.
 * Usage: node --import tsx bench/qbd-company.ts URL USER PASSWORD OWNER_ID FILE_ID JOBS LINES
 */
import { QbCompany, qbDateTime } from '../connectors/qbd/sandbox/company.ts';
import { runWebConnectorSession } from '../connectors/qbd/sandbox/driver.ts';
import { sandboxIdentity } from '../connectors/qbd/sandbox/index.ts';

const [url, userName, password, ownerId, fileId, jobsArg, linesArg] = process.argv.slice(2);
const jobs = Number(jobsArg);
const lines = Number(linesArg);
let ms = Date.parse('2026-01-01T12:00:00Z');
const company = new QbCompany(sandboxIdentity(), () => {
  ms += 1000;
  return new Date(ms);
});
const head = (s: { id: string; created: string; modified: string; editSequence: string }) => ({
  TimeCreated: s.created,
  TimeModified: s.modified,
  EditSequence: s.editSequence,
});
const ref = (r: { id: string; node: { FullName?: unknown } }) => ({
  ListID: r.id,
  FullName: String(r.node.FullName),
});
const items = Array.from({ length: 60 }, (_, i) =>
  company.create('list', 'ItemServiceRet', (s) => ({
    ListID: s.id,
    ...head(s),
    Name: `${1000 + i * 100} Cost code ${i}`,
    FullName: `${1000 + i * 100} Cost code ${i}`,
    IsActive: 'true',
    Sublevel: '0',
  })),
);
const vendors = Array.from({ length: 300 }, (_, i) =>
  company.create('list', 'VendorRet', (s) => ({
    ListID: s.id,
    ...head(s),
    Name: `Vendor ${i}`,
    IsActive: 'true',
    CompanyName: `Vendor ${i} LLC`,
  })),
);
const customers = Array.from({ length: jobs }, (_, i) =>
  company.create('list', 'CustomerRet', (s) => ({
    ListID: s.id,
    ...head(s),
    Name: `2026-${String(i).padStart(4, '0')} Job ${i}`,
    FullName: `2026-${String(i).padStart(4, '0')} Job ${i}`,
    IsActive: 'true',
    Sublevel: '0',
    JobStatus: 'InProgress',
  })),
);
for (let b = 0; b * 10 < lines; b++) {
  const job = customers[b % jobs]!;
  company.create('txn', 'BillRet', (s) => ({
    TxnID: s.id,
    ...head(s),
    TxnNumber: String(b + 1),
    VendorRef: ref(vendors[b % vendors.length]!),
    TxnDate: qbDateTime(ms).slice(0, 10),
    AmountDue: '1000.00',
    RefNumber: `B-${b}`,
    IsPaid: 'false',
    ItemLineRet: Array.from({ length: 10 }, (_, l) => ({
      TxnLineID: company.newLineId(),
      ItemRef: ref(items[(b + l) % items.length]!),
      Desc: `line ${l}`,
      Quantity: '1',
      Cost: '100.00',
      Amount: '100.00',
      CustomerRef: ref(job),
      BillableStatus: 'NotBillable',
    })),
    OpenAmount: '1000.00',
  }));
}
const t = await runWebConnectorSession({
  url: url!,
  userName: userName!,
  password: password!,
  ownerId: ownerId!,
  fileId: fileId!,
  company,
});
process.stdout.write(
  `${JSON.stringify({ outcome: t.outcome, lastError: t.lastError, requests: t.requests, bytes: t.bytes })}\n`,
);
