/**
 * The promise every export profile must keep: the demo company, with its books kept in that ERP (re-keyed as
 * the system keys records, reduced to what it can hold) and exported as that system's reports, reconciles
 * through the profile exactly as the same books read as canonical CSV files — the planted discrepancies and
 * nothing else.
 */
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { builtinProfileNames, loadProfile } from '../../connectors/files/profile/load.ts';
import { generateDemo } from '../../src/demo/index.ts';
import { demoThroughProfile } from '../../src/demo/through-profile.ts';
import { byText, comparable, findingsWith } from './support.ts';

let root: string;
beforeAll(async () => {
  root = await mkdtemp(path.join(tmpdir(), 'tieout-profiles-demo-'));
  await generateDemo({ outDir: root });
}, 300_000);

for (const name of builtinProfileNames()) {
  describe(`the demo company through the ${name} export profile`, () => {
    let viaFiles: Awaited<ReturnType<typeof findingsWith>>;
    let viaProfile: Awaited<ReturnType<typeof findingsWith>>;

    beforeAll(async () => {
      const out = path.join(root, name);
      const demo = await demoThroughProfile(root, loadProfile(name), out);
      const base = { companyFile: demo.companyFile, pm: demo.pm };
      viaFiles = await findingsWith({
        ...base,
        erp: { type: 'files', dir: demo.erpCanonical },
        dataDir: path.join(out, 'data-files'),
      });
      viaProfile = await findingsWith({
        ...base,
        erp: { type: 'files', dir: demo.erpExports, profile: name },
        dataDir: path.join(out, 'data-profile'),
      });
    }, 300_000);

    it('finds the planted discrepancies through the re-keyed canonical files', () => {
      expect(viaFiles.ok && viaFiles.findings.length).toBeGreaterThan(10);
    });

    it('finds exactly the same discrepancies through the exports', () => {
      if (!viaProfile.ok) throw new Error(viaProfile.message);
      if (!viaFiles.ok) throw new Error(viaFiles.message);
      expect(viaProfile.findings.map(comparable).sort(byText)).toEqual(
        viaFiles.findings.map(comparable).sort(byText),
      );
    });
  });
}
