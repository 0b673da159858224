/**
 * `tieout profile list|render|check`: the export profiles through which an ERP's standard reports become
 * canonical tables. `render` writes a canonical side folder as the system's exports (what the profile
 * expects); `check` reads a folder of exports and tells per table what came through and what did not.
 */
import path from 'node:path';
import type { Command } from 'commander';
import { SourceError } from '../../../connectors/contract.ts';
import { CliError } from '../errors.ts';

const load = async (ref: string) => {
  const { loadProfile } = await import('../../../connectors/files/profile/load.ts');
  try {
    return loadProfile(ref);
  } catch (e) {
    if (e instanceof SourceError) throw new CliError(e.message);
    throw e;
  }
};

export function registerProfileCommands(program: Command): void {
  const profile = program
    .command('profile')
    .description('export profiles: an ERP’s standard reports in, canonical tables out');
  profile
    .command('list')
    .description('the built-in profiles and the reports each reads')
    .action(async () => {
      const { builtinProfileNames } = await import('../../../connectors/files/profile/load.ts');
      for (const name of builtinProfileNames()) {
        const p = await load(name);
        const tables = [...new Set(p.exports.flatMap((e) => e.tables.map((t) => t.table)))];
        process.stdout.write(`${name}  ${p.system}\n  tables: ${tables.join(', ')}\n`);
        for (const e of p.exports) process.stdout.write(`  - ${e.report}  (${e.files.join(', ')})\n`);
      }
    });
  profile
    .command('render')
    .description('write a canonical side folder as the system’s report exports')
    .requiredOption('--profile <name|file>', 'a built-in profile name or a profile .json file')
    .requiredOption('--dataset <dir>', 'canonical side folder (one CSV per table)')
    .requiredOption('--out <dir>', 'folder to write the exports into')
    .action(async (opts: { profile: string; dataset: string; out: string }) => {
      const { readDataset, renderProfile } = await import('../../../connectors/files/profile/render.ts');
      const p = await load(opts.profile);
      let data: Awaited<ReturnType<typeof readDataset>>;
      try {
        data = await readDataset(path.resolve(opts.dataset));
      } catch (e) {
        throw new CliError(`${opts.dataset}: ${(e as Error).message}`);
      }
      const result = await renderProfile(p, data, path.resolve(opts.out));
      for (const f of result.files) {
        process.stdout.write(`${path.basename(f.file)}  ${f.rows} rows  (${f.report})\n`);
      }
      for (const [table, n] of Object.entries(result.notCarried)) {
        process.stdout.write(
          `not written: ${n} ${table} rows (${p.system} has no place for them in these exports)\n`,
        );
      }
    });
  profile
    .command('check')
    .description(
      'read a folder of exports through a profile: rows read, rejected (with reasons), columns left empty',
    )
    .requiredOption('--profile <name|file>', 'a built-in profile name or a profile .json file')
    .requiredOption('--dir <dir>', 'folder holding the exports')
    .action(async (opts: { profile: string; dir: string }) => {
      const { checkFolder } = await import('../../../connectors/files/profile/check.ts');
      const p = await load(opts.profile);
      let checks: Awaited<ReturnType<typeof checkFolder>>;
      try {
        checks = await checkFolder(path.resolve(opts.dir), p);
      } catch (e) {
        if (e instanceof SourceError) throw new CliError(e.message);
        throw e;
      }
      let rejected = 0;
      for (const c of checks) {
        process.stdout.write(`${c.table}: ${c.read} rows read, ${c.rejected.length} rejected\n`);
        if (c.emptyColumns.length) process.stdout.write(`  empty columns: ${c.emptyColumns.join(', ')}\n`);
        for (const r of c.rejected.slice(0, 20)) process.stdout.write(`  rejected ${r.reason}\n`);
        if (c.rejected.length > 20) process.stdout.write(`  … and ${c.rejected.length - 20} more\n`);
        rejected += c.rejected.length;
      }
      if (checks.length === 0)
        process.stdout.write(`no export of the ${p.system} profile found in ${opts.dir}\n`);
      if (rejected > 0)
        throw new CliError(`${rejected} rows rejected; a snapshot would not publish this side`);
    });
}
