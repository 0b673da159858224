/**
 * `tieout demo generate --size quick|medium|large [--jobs N --transactions N …] --out DIR`: writes a
 * generated contractor (the demo company scaled up, the same planted cases on its first jobs) as the two
 * canonical CSV folders `pm/` and `erp/`, with `truth.json` and `company.json`, and reports rows per second.
 * Point a configured company's `files` connectors at the two folders to snapshot it.
 */
import path from 'node:path';
import type { Command } from 'commander';
import { isIsoDate } from '../../../connectors/canonical/dates.ts';
import type { Profile } from '../../../connectors/files/profile/schema.ts';
import type { CompanySize } from '../../demo/index.ts';
import { COMPANY_SIZES } from '../../demo/sizes.ts';
import { CliError } from '../errors.ts';

interface GenerateOptions {
  size: string;
  out: string;
  seed?: string;
  asOf?: string;
  jobs?: string;
  costCodes?: string;
  transactions?: string;
  commitments?: string;
  invoices?: string;
  plant: boolean;
  profile?: string;
}

/** A whole number as typed on the command line (underscores and commas allowed: 10_000_000, 10,000,000). */
function count(flag: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const digits = value.replace(/[_,]/g, '');
  if (!/^\d+$/.test(digits)) throw new CliError(`${flag} ${value} is not a whole number`);
  return Number(digits);
}

export function registerDemoCommands(program: Command): void {
  const demo = program.command('demo').description('the generated demo contractor');
  demo
    .command('generate')
    .description('write a generated contractor of a given size as canonical CSV folders (pm/, erp/)')
    .requiredOption('--out <dir>', 'folder to write pm/, erp/, truth.json and company.json into')
    .option('--size <name>', `preset: ${Object.keys(COMPANY_SIZES).join(', ')}`, 'quick')
    .option('--jobs <n>', 'number of jobs')
    .option('--cost-codes <n>', 'cost codes per job')
    .option('--transactions <n>', 'ERP cost transactions across the company (approximate)')
    .option('--commitments <n>', 'subcontracts and purchase orders across the company (approximate)')
    .option('--invoices <n>', 'invoices against commitments across the company (approximate)')
    .option('--seed <n>', 'seed: the same seed and as-of date write the same files')
    .option('--as-of <YYYY-MM-DD>', 'the date the company is generated as of')
    .option('--no-plant', 'leave out the planted discrepancies (every job ties)')
    .option('--profile <name|file>', 'also write the books as that ERP’s report exports (OUT/<profile>/)')
    .action(async (opts: GenerateOptions) => {
      if (opts.asOf !== undefined && !isIsoDate(opts.asOf))
        throw new CliError(`--as-of ${opts.asOf} is not a date; write YYYY-MM-DD, e.g. 2026-11-20`);
      const { loadProfile } = await import('../../../connectors/files/profile/load.ts');
      const { companySize, generateCompany } = await import('../../demo/index.ts');
      const { writeNativeCompanyConfig } = await import('../../demo/native-company.ts');
      const { demoThroughProfile } = await import('../../demo/through-profile.ts');
      let size: CompanySize;
      try {
        size = companySize(opts.size, {
          jobs: count('--jobs', opts.jobs),
          costCodesPerJob: count('--cost-codes', opts.costCodes),
          transactions: count('--transactions', opts.transactions),
          commitments: count('--commitments', opts.commitments),
          invoices: count('--invoices', opts.invoices),
        });
      } catch (e) {
        if (e instanceof CliError) throw e;
        throw new CliError((e as Error).message);
      }
      const outDir = path.resolve(opts.out);
      const err = process.stderr;
      let lastReport = 0;
      const result = await generateCompany({
        outDir,
        size,
        seed: count('--seed', opts.seed),
        asOf: opts.asOf,
        plant: opts.plant ? undefined : false,
        onProgress: ({ jobs, rows }) => {
          const now = performance.now();
          if (now - lastReport < 2000 && jobs < size.jobs) return;
          lastReport = now;
          err.write(
            `  ${jobs.toLocaleString('en-US')} / ${size.jobs.toLocaleString('en-US')} jobs, ` +
              `${rows.toLocaleString('en-US')} rows\n`,
          );
        },
      }).catch((e: Error & { code?: string }) => {
        if (e.code === 'demo_options_invalid') throw new CliError(e.message);
        throw e;
      });
      const out = process.stdout;
      out.write(`wrote ${result.jobs.toLocaleString('en-US')} jobs to ${outDir}\n`);
      out.write(
        `  ${result.totalRows.toLocaleString('en-US')} rows in ${result.seconds.toFixed(1)} s ` +
          `(${result.rowsPerSecond.toLocaleString('en-US')} rows/s)\n`,
      );
      out.write(
        `  ERP cost transactions ${(result.rows.erp.cost_transactions ?? 0).toLocaleString('en-US')}, ` +
          `commitments ${(result.rows.erp.commitments ?? 0).toLocaleString('en-US')}, ` +
          `AP invoices ${(result.rows.erp.payables ?? 0).toLocaleString('en-US')}\n`,
      );
      out.write(`  planted cases: ${result.truth.planted.length} (see truth.json)\n`);
      if (opts.profile) {
        let profile: Profile;
        try {
          profile = loadProfile(opts.profile);
        } catch (e) {
          throw new CliError((e as Error).message);
        }
        const target = path.join(outDir, profile.name);
        const through = await demoThroughProfile(outDir, profile, target);
        out.write(
          `  ${profile.system}: exports in ${through.erpExports}, the same books as canonical files in ${through.erpCanonical}, ` +
            `Procore side in ${through.pm}, settings in ${through.companyFile}\n`,
        );
        const native = await writeNativeCompanyConfig(profile.name, through);
        if (native)
          out.write(
            `  the same company read through the native connector: tieout serve --config ${native}\n`,
          );
      }
    });
}
