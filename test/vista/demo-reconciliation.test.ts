/**
 * The promise the Vista connector must keep: the demo company, its books kept in Vista (re-keyed as Vista
 * keys records: demoThroughProfile with the vista profile), read from the Vista sandbox's tables through the
 * connector's SQL, reconciles exactly as the same books read as canonical CSV files — the planted
 * discrepancies and nothing else. The reference is the files connector's run, not this connector's output.
 */
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadProfile } from '../../connectors/files/profile/load.ts';
import { loadConfigFile } from '../../src/config/load.ts';
import { generateDemo } from '../../src/demo/index.ts';
import { writeNativeCompanyConfig } from '../../src/demo/native-company.ts';
import { demoThroughProfile } from '../../src/demo/through-profile.ts';
import { byText, comparable, findingsWith } from '../profiles/support.ts';

describe('the demo company reconciled through the Vista connector', () => {
  let viaFiles: Awaited<ReturnType<typeof findingsWith>>;
  let viaVista: Awaited<ReturnType<typeof findingsWith>>;

  beforeAll(async () => {
    const root = await mkdtemp(path.join(tmpdir(), 'tieout-vista-recon-'));
    await generateDemo({ outDir: root });
    const demo = await demoThroughProfile(root, loadProfile('vista'), path.join(root, 'vista'));
    const base = { companyFile: demo.companyFile, pm: demo.pm };
    viaFiles = await findingsWith({
      ...base,
      erp: { type: 'files', dir: demo.erpCanonical },
      dataDir: path.join(root, 'data-files'),
    });
    viaVista = await findingsWith({
      ...base,
      // The company as `tieout demo generate --profile` writes it, its books read through the native connector.
      erp: loadConfigFile((await writeNativeCompanyConfig('vista', demo))!).companies[0]!.erp,
      dataDir: path.join(root, 'data-vista'),
    });
  }, 300_000);

  it('finds the planted discrepancies through the canonical files', () => {
    expect(viaFiles.ok && viaFiles.findings.length).toBeGreaterThan(10);
  });

  it('finds exactly the same discrepancies through Vista', () => {
    if (!viaVista.ok) throw new Error(viaVista.message);
    if (!viaFiles.ok) throw new Error(viaFiles.message);
    expect(viaVista.findings.map(comparable).sort(byText)).toEqual(
      viaFiles.findings.map(comparable).sort(byText),
    );
  });
});
