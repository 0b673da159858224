/**
 * The executor as its own process, for the crash test: opens the store in the given data directory and
 * executes every approved proposal against the Procore sandbox. The parent SIGKILLs it at a random point.
 * argv: dataDir sandboxUrl procoreCompanyId clientId clientSecret
 */
import { SYSTEM_ACTOR } from '../../src/approvals/actor.ts';
import { executeApproved } from '../../src/approvals/executor.ts';
import { openStore } from '../../src/store/db.ts';
import { quietLog, sandboxWriter } from './support.ts';

const [dataDir, url, companyId, clientId, clientSecret] = process.argv.slice(2) as [
  string,
  string,
  string,
  string,
  string,
];
const store = openStore(dataDir);
const writer = sandboxWriter({ url, companyId, client: { clientId, clientSecret } });
process.stdout.write('ready\n');
const outcomes = await executeApproved({
  ctx: { actor: SYSTEM_ACTOR, store },
  input: { companyId: 'acme' },
  deps: { writerFor: async () => writer, log: quietLog, baseDelayMs: 1 },
});
process.stdout.write(`done ${outcomes.length}\n`);
store.close();
