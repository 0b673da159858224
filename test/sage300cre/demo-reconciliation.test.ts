/**
 * The promise the Sage 300 CRE connector must keep: the demo company, its books kept in Sage 300 CRE (re-keyed as Sage 300
 * keys records: demoThroughProfile with the sage300cre profile), read from the Sage 300 sandbox's ODBC tables through the
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

describe('the demo company reconciled through the Sage 300 CRE connector', () => {
  let viaFiles: Awaited<ReturnType<typeof findingsWith>>;
  let viaSage300: Awaited<ReturnType<typeof findingsWith>>;

  beforeAll(async () => {
    const root = await mkdtemp(path.join(tmpdir(), 'tieout-sage300-recon-'));
    await generateDemo({ outDir: root });
    const demo = await demoThroughProfile(root, loadProfile('sage300cre'), path.join(root, 'sage300cre'));
    const base = { companyFile: demo.companyFile, pm: demo.pm };
    viaFiles = await findingsWith({
      ...base,
      erp: { type: 'files', dir: demo.erpCanonical },
      dataDir: path.join(root, 'data-files'),
    });
    viaSage300 = await findingsWith({
      ...base,
      // The company as `tieout demo generate --profile` writes it, its books read through the native connector.
      erp: loadConfigFile((await writeNativeCompanyConfig('sage300cre', demo))!).companies[0]!.erp,
      dataDir: path.join(root, 'data-sage300'),
    });
  }, 300_000);

  it('finds the planted discrepancies through the canonical files', () => {
    expect(viaFiles.ok && viaFiles.findings.length).toBeGreaterThan(10);
  });

  it('finds exactly the same discrepancies through Sage 300 CRE', () => {
    if (!viaSage300.ok) throw new Error(viaSage300.message);
    if (!viaFiles.ok) throw new Error(viaFiles.message);
    expect(viaSage300.findings.map(comparable).sort(byText)).toEqual(
      viaFiles.findings.map(comparable).sort(byText),
    );
  });
});
