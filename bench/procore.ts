/**
 * Procore call budget: API calls a nightly run uses for a company of N generated projects (default 500),
 * read through the real connector from the Procore sandbox over HTTP. Reports the first (full) run and an
 * incremental run after a day's edits on a tenth of the projects, polling, and with the same edits delivered
 * as Procore webhooks (the sandbox POSTs them to the receiver tieout mounts at POST /webhooks/procore).
 * Procore's default budget is 3,600 calls an hour; the goal for the incremental run is ≤ 3,000 calls.
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import type { ConnectorStats, ReadContext } from '../connectors/contract.ts';
import { memoryTokenStore, TokenProvider } from '../connectors/procore/auth.ts';
import { defaultTuning } from '../connectors/procore/config.ts';
import { procoreConnector } from '../connectors/procore/connector.ts';
import { startProcoreSandbox } from '../connectors/procore/sandbox/server.ts';
import { inboxFor, receiveProcoreWebhook } from '../connectors/procore/webhooks.ts';
import type { BenchResult } from './result.ts';

/** Writes a canonical PM dataset of `projects` jobs, each a small but complete job. */
export function writeProcoreDataset(dir: string, projects: number, activeShare = 1): void {
  mkdirSync(dir, { recursive: true });
  const t: Record<string, string[]> = {
    jobs: ['job_id,linked_id,number,name,status,start_date,completion_date'],
    cost_codes: ['job_id,code,linked_id,description'],
    vendors: ['vendor_id,linked_id,name,status'],
    budget_lines: [
      'job_id,cost_code,cost_type,original_budget,approved_changes,revised_budget,pending_changes,committed_cost,forecast_to_complete,estimated_cost_at_completion',
    ],
    prime_contracts: ['contract_id,linked_id,job_id,number,status,original_amount,executed_date'],
    billings: ['billing_id,linked_id,job_id,number,period_end,billed_amount,retainage_held,status'],
    commitments: [
      'commitment_id,linked_id,job_id,number,kind,vendor_id,status,original_amount,approved_changes,revised_amount,retainage_percent,executed_date',
    ],
    commitment_lines: ['commitment_id,line_id,cost_code,cost_type,amount'],
    change_orders: [
      'change_order_id,linked_id,job_id,number,kind,commitment_id,status,approved_date,contract_amount,cost_amount,description',
    ],
    change_order_lines: ['change_order_id,line_id,cost_code,cost_type,amount'],
    payables: [
      'invoice_id,linked_id,job_id,number,vendor_id,commitment_id,invoice_date,period_end,status,gross_amount,retainage_held,retainage_released,net_amount',
    ],
    payable_lines: ['invoice_id,line_id,cost_code,cost_type,amount,retainage_held'],
    cost_transactions: [
      'transaction_id,job_id,date,cost_code,cost_type,amount,source,vendor_id,invoice_id,status,description',
    ],
  };
  for (let v = 1; v <= 200; v++) t.vendors!.push(`${7_000_000 + v},V${v},Vendor ${v},active`);
  const codes = ['01-000', '03-300', '05-120', '09-250', '09-900', '15-400', '16-100', '31-200'];
  for (let j = 1; j <= projects; j++) {
    const job = String(562_949_000_000_000 + j);
    const status = j <= projects * activeShare ? 'open' : 'closed';
    t.jobs!.push(
      `${job},J${j},${2020 + (j % 6)}-${String(j).padStart(3, '0')},Project ${j},${status},2024-01-15,`,
    );
    codes.forEach((c, i) => {
      t.cost_codes!.push(`${job},${c},${c.replace('-', '')},Code ${c}`);
      t.budget_lines!.push(
        `${job},${c},${i % 2 ? 'subcontract' : 'labor'},${100_000 + i}.00,0.00,${100_000 + i}.00,0.00,50000.00,40000.00,${100_000 + i}.00`,
      );
    });
    const base = j * 100;
    t.prime_contracts!.push(`${880_000_000 + j},PC${j},${job},PC-001,approved,2500000.00,2024-01-10`);
    for (let b = 1; b <= 3; b++)
      t.billings!.push(
        `${550_000_000 + base + b},,${job},${b},2024-0${b + 2}-28,100000.00,10000.00,approved`,
      );
    for (let c = 1; c <= 4; c++) {
      const id = 990_000_000 + base + c;
      const kind = c === 4 ? 'purchase_order' : 'subcontract';
      t.commitments!.push(
        `${id},SC${id},${job},SC-00${c},${kind},${7_000_000 + ((j + c) % 200) + 1},approved,200000.00,0.00,200000.00,10,2024-02-01`,
      );
      t.commitment_lines!.push(
        `${id},1,${codes[c]},subcontract,150000.00`,
        `${id},2,${codes[c + 1]},subcontract,50000.00`,
      );
      const inv = 660_000_000 + base + c;
      t.payables!.push(
        `${inv},,${job},INV-${inv},${7_000_000 + ((j + c) % 200) + 1},${id},2024-03-31,2024-03-31,approved,50000.00,5000.00,0.00,45000.00`,
      );
      t.payable_lines!.push(`${inv},1,${codes[c]},subcontract,50000.00,5000.00`);
    }
    for (let o = 1; o <= 3; o++) {
      const id = 440_000_000 + base + o;
      const prime = o < 3;
      t.change_orders!.push(
        `${id},,${job},CO-00${o},${prime ? 'prime' : 'commitment'},${prime ? '' : 990_000_000 + base + 1},approved,2024-04-01,${prime ? '10000.00' : ''},${prime ? '' : '8000.00'},Change ${o}`,
      );
      t.change_order_lines!.push(`${id},1,${codes[o]},subcontract,${prime ? '10000.00' : '8000.00'}`);
    }
    for (let x = 1; x <= 10; x++) {
      t.cost_transactions!.push(
        `${330_000_000 + base + x},${job},2024-05-${String(x).padStart(2, '0')},${codes[x % 8]},labor,1250.00,payroll,,,approved,Week ${x}`,
      );
    }
  }
  for (const [name, lines] of Object.entries(t))
    writeFileSync(path.join(dir, `${name}.csv`), `${lines.join('\n')}\n`);
}

function context(previousState: unknown): ReadContext & { saved: unknown[] } {
  const saved: unknown[] = [];
  return {
    companyId: 'bench',
    side: 'pm',
    runStartedAt: new Date(),
    signal: new AbortController().signal,
    previousState,
    saveState: (s) => saved.push(s),
    progress: () => {},
    stats: {} as ConnectorStats,
    log: { info: () => {}, warn: () => {}, error: () => {} },
    saved,
  };
}

export async function benchProcore(work: string, projects = 500): Promise<BenchResult[]> {
  const allActive = await measure(work, projects, 1);
  const mixed = await measure(work, projects, 0.3);
  const hooked = await measure(work, projects, 1, true);
  return [
    {
      name: 'procore_calls_first_run',
      value: allActive.first,
      unit: 'calls',
      note: `${projects} active projects, ${allActive.rows} records, ${allActive.firstMs} ms`,
    },
    {
      name: `procore_calls_${projects}_projects_incremental`,
      value: allActive.second,
      unit: 'calls',
      goal: '<= 3000',
      note: `${projects} active projects: ${(allActive.second / projects).toFixed(1)} calls per project, ${allActive.secondMs} ms; by endpoint: ${allActive.byEndpoint}`,
    },
    {
      name: `procore_calls_${projects}_projects_webhooks`,
      value: hooked.second,
      unit: 'calls',
      goal: '<= 3000',
      note: `${projects} active projects, the same edits delivered as Procore webhooks to POST /webhooks/procore: ${hooked.events} events, ${hooked.secondMs} ms; by endpoint: ${hooked.byEndpoint}`,
    },
    {
      name: 'procore_state_kb_webhooks',
      value: hooked.stateKb,
      unit: 'KiB',
      note: 'incremental state with webhooks (every project recorded for replay)',
    },
    {
      name: 'procore_calls_incremental_30pct_active',
      value: mixed.second,
      unit: 'calls',
      goal: '<= 3000',
      note: `${Math.round(projects * 0.3)} active + ${projects - Math.round(projects * 0.3)} inactive (replayed from state); first run ${mixed.first}`,
    },
    {
      name: 'procore_state_kb',
      value: mixed.stateKb,
      unit: 'KiB',
      note: 'incremental state kept between runs (30 % active company)',
    },
  ];
}

async function measure(work: string, projects: number, activeShare: number, webhooks = false) {
  const dir = path.join(work, `procore-dataset-${activeShare}`);
  rmSync(dir, { recursive: true, force: true });
  writeProcoreDataset(dir, projects, activeShare);
  const sandbox = await startProcoreSandbox({
    dataset: dir,
    rateLimits: { hourly: 10_000_000, spike: 10_000_000 },
  });
  const inboxDir = path.join(work, 'procore-inbox');
  rmSync(inboxDir, { recursive: true, force: true });
  const receiver = webhooks ? await startReceiver(inboxDir, sandbox.companyId) : undefined;
  if (receiver) {
    const hook = sandbox.webhooks.createHook(
      { companyId: sandbox.companyId, projectId: null },
      {
        api_version: 'v2',
        namespace: 'tieout-bench',
        destination_url: receiver.url,
        destination_headers: { Authorization: RECEIVER_AUTH },
      },
    );
    hook.triggers.push({ id: 1, resourceName: 'Work Order Contracts', eventType: 'update' });
  }
  try {
    const tokens = new TokenProvider({
      loginBaseUrl: sandbox.url,
      clientId: sandbox.client.clientId,
      clientSecret: sandbox.client.clientSecret,
      grant: 'client_credentials',
      store: memoryTokenStore(),
    });
    const connector = procoreConnector({
      settings: {
        apiBaseUrl: sandbox.url,
        companyId: sandbox.companyId,
        projects: 'all',
        costTypes: {},
        tuning: defaultTuning(),
        inbox: webhooks ? inboxFor(inboxDir, 'bench') : undefined,
      },
      tokens,
      location: 'bench sandbox',
    });
    const runOnce = async (previous: unknown) => {
      const ctx = context(previous);
      const started = performance.now();
      let rows = 0;
      for await (const stream of connector.read(ctx)) for await (const _ of stream.records) rows++;
      return { ctx, rows, ms: performance.now() - started };
    };
    const first = await runOnce(null);
    // A day's edits: one subcontract changed on every tenth project.
    for (let j = 10; j <= projects; j += 10) {
      const job = String(562_949_000_000_000 + j);
      sandbox.data.update(`work_order_contracts:${job}`, String(990_000_000 + j * 100 + 1), {
        title: 'edited',
      });
    }
    await sandbox.webhooks.deliver();
    sandbox.calls.clear();
    const second = await runOnce(first.ctx.saved.at(-1));
    return {
      byEndpoint: callsByEndpoint(sandbox.calls),
      first: first.ctx.stats.procore_calls ?? 0,
      second: second.ctx.stats.procore_calls ?? 0,
      rows: first.rows,
      firstMs: Math.round(first.ms),
      secondMs: Math.round(second.ms),
      stateKb: Math.round(JSON.stringify(second.ctx.saved.at(-1)).length / 1024),
      events: second.ctx.stats.procore_webhook_events ?? 0,
    };
  } finally {
    await sandbox.close();
    await receiver?.close();
  }
}

const RECEIVER_AUTH = 'Bearer bench-webhook-secret';

/** The receiver tieout mounts at POST /webhooks/procore, on its own HTTP server (no store or users needed). */
async function startReceiver(inboxDir: string, procoreCompanyId: string) {
  const receivers = [{ tieoutCompanyId: 'bench', procoreCompanyId, authorization: RECEIVER_AUTH }];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const answer = receiveProcoreWebhook(
        receivers,
        inboxDir,
        req.headers.authorization,
        JSON.parse(Buffer.concat(chunks).toString('utf8')),
        new Date(),
      );
      res.statusCode = answer.status;
      res.end(answer.error ?? '');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/webhooks/procore`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** Calls per endpoint family (ids replaced by {id}), largest first: where an incremental run spends its calls. */
function callsByEndpoint(calls: Map<string, number>): string {
  const families = new Map<string, number>();
  for (const [p, n] of calls) {
    const family = p.replace(/\/\d+(?=\/|$)/g, '/{id}');
    families.set(family, (families.get(family) ?? 0) + n);
  }
  return [...families]
    .sort((a, b) => b[1] - a[1])
    .map(([f, n]) => `${f} ${n}`)
    .join(', ');
}

if (process.argv[1] && import.meta.url.endsWith(path.basename(process.argv[1]))) {
  const work = path.join(process.cwd(), 'bench', 'work');
  mkdirSync(work, { recursive: true });
  const results = await benchProcore(work, Number(process.argv[2] ?? 500));
  for (const r of results)
    process.stdout.write(`${r.name}\t${r.value} ${r.unit}\t${r.goal ?? ''}\t${r.note ?? ''}\n`);
  rmSync(work, { recursive: true, force: true });
}
