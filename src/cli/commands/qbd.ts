/**
 * `tieout qbd qwc --company C --url https://…/qbwc` registers a QuickBooks Desktop company with the Web
 * Connector endpoint: it sets a new Web Connector password (printed once, stored hashed) and writes the `.qwc`
 * file to add on the QuickBooks machine. `tieout qbd rehearse --qwc FILE --dataset DIR` runs one whole Web
 * Connector session against the .qwc file's URL with a sandbox company, as QBWC would.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { userInfo } from 'node:os';
import path from 'node:path';
import type { Command } from 'commander';
import { XMLParser } from 'fast-xml-parser';
import { CliError } from '../errors.ts';

const actor = () => process.env.TIEOUT_ACTOR ?? `cli:${userInfo().username}`;

export function registerQbdCommands(program: Command): void {
  const qbd = program.command('qbd').description('QuickBooks Desktop through the QuickBooks Web Connector');
  qbd
    .command('qwc')
    .description('set the Web Connector password of a company and write its .qwc file')
    .requiredOption('--company <id>', 'company id (its erp connector is {"type":"qbd"})')
    .requiredOption(
      '--url <url>',
      'the address the Web Connector calls, https://…/qbwc (http only on localhost)',
    )
    .option('--out <file>', 'where to write the .qwc file (default: tieout-<company>.qwc here)')
    .option(
      '--read-write',
      'let the Web Connector open the file read-write, for approved writes (IsReadOnly false)',
    )
    .action(
      async (opts: { company: string; url: string; out?: string; readWrite?: boolean }, cmd: Command) => {
        const { QwcError, qwcDocument, registerCompany } = await import('../../../connectors/qbd/qwc.ts');
        const { QbdStore } = await import('../../../connectors/qbd/store.ts');
        const { openRuntime } = await import('../../runtime.ts');
        const { appendAudit } = await import('../../store/audit.ts');
        const runtime = await openRuntime({
          configPath: cmd.optsWithGlobals().config,
          command: 'qbd qwc',
          writes: true,
        });
        try {
          const company = runtime.company(opts.company);
          const erp = company.erp as { type: string; runEveryMinutes?: number };
          if (erp.type !== 'qbd')
            throw new CliError(
              `company ${company.id} reads its books with "${erp.type}", not QuickBooks Desktop; set its erp to {"type":"qbd"} first`,
            );
          const store = QbdStore.open(runtime.config.dataDir);
          try {
            const registration = await registerCompany(store, {
              companyId: company.id,
              runEveryMinutes: erp.runEveryMinutes ?? 60,
              now: new Date(),
            });
            let qwc: string;
            try {
              qwc = qwcDocument(registration, {
                url: opts.url,
                companyName: company.name,
                readOnly: !opts.readWrite,
              });
            } catch (e) {
              if (e instanceof QwcError) throw new CliError(e.message);
              throw e;
            }
            const out = path.resolve(opts.out ?? `tieout-${company.id}.qwc`);
            writeFileSync(out, qwc);
            appendAudit(runtime.store.db, {
              actor: actor(),
              action: 'qbd.web_connector_password',
              companyId: company.id,
              entity: `company:${company.id}`,
              after: {
                userName: registration.userName,
                ownerId: registration.ownerId,
                fileId: registration.fileId,
                url: opts.url,
              },
            });
            process.stdout.write(`wrote ${out}\n`);
            process.stdout.write(`user name: ${registration.userName}\n`);
            process.stdout.write(`password: ${registration.password}\n`);
            process.stdout.write(
              'Add the .qwc file in the QuickBooks Web Connector (Add an application), then type the password in its Password column. It is shown only now; run this command again for a new one.\n',
            );
          } finally {
            store.close();
          }
        } finally {
          runtime.close();
        }
      },
    );

  qbd
    .command('rehearse')
    .description('run one Web Connector session against a .qwc file’s URL with a sandbox QuickBooks company')
    .requiredOption('--qwc <file>', 'the .qwc file (its AppURL, UserName, OwnerID and FileID are used)')
    .requiredOption('--dataset <dir>', 'canonical dataset folder (ERP side) the sandbox company is made from')
    .option('--password <password>', 'the Web Connector password (default: $TIEOUT_QBWC_PASSWORD)')
    .action(async (opts: { qwc: string; dataset: string; password?: string }) => {
      const qwc = readQwc(opts.qwc);
      const password = opts.password ?? process.env.TIEOUT_QBWC_PASSWORD;
      if (!password)
        throw new CliError('give the Web Connector password with --password or TIEOUT_QBWC_PASSWORD');
      const { runWebConnectorSession } = await import('../../../connectors/qbd/sandbox/driver.ts');
      const { tickingClock } = await import('../../../connectors/qbd/sandbox/in-process.ts');
      const { sandboxFromDataset } = await import('../../../connectors/qbd/sandbox/index.ts');
      const { company } = await sandboxFromDataset(path.resolve(opts.dataset), {
        now: tickingClock(new Date(Date.now() - 86_400_000)),
      });
      const t = await runWebConnectorSession({
        url: qwc.AppURL,
        userName: qwc.UserName,
        password,
        ownerId: qwc.OwnerID,
        fileId: qwc.FileID,
        company,
      });
      for (const c of t.calls) process.stdout.write(`${c.method} → ${JSON.stringify(c.result)}\n`);
      process.stdout.write(
        `outcome: ${t.outcome}${t.lastError ? ` (${t.lastError})` : ''}; ${t.requests} requests\n`,
      );
      // The Web Connector side failed (refused, dropped, QuickBooks' error): an upstream failure, not bad input.
      if (t.outcome !== 'complete' && t.outcome !== 'none')
        throw new CliError(
          `the session did not complete: ${t.outcome}${t.lastError ? ` (${t.lastError})` : ''}`,
          'upstream',
          'qbwc_session_incomplete',
        );
    });
}

function readQwc(file: string): Record<'AppURL' | 'UserName' | 'OwnerID' | 'FileID', string> {
  let doc: { QBWCXML?: Record<string, unknown> };
  try {
    doc = new XMLParser({ parseTagValue: false }).parse(readFileSync(file, 'utf8'));
  } catch (e) {
    throw new CliError(`${file} cannot be read as a .qwc file: ${(e as Error).message}`);
  }
  const x = doc.QBWCXML ?? {};
  const out = {} as Record<'AppURL' | 'UserName' | 'OwnerID' | 'FileID', string>;
  for (const k of ['AppURL', 'UserName', 'OwnerID', 'FileID'] as const) {
    const v = x[k];
    if (typeof v !== 'string' || !v)
      throw new CliError(`${file}: <${k}> is missing; write the file with tieout qbd qwc`);
    out[k] = v;
  }
  return out;
}
