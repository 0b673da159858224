import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  DEMO_DEFAULT_AS_OF,
  DEMO_DEFAULT_SEED,
  demoCompanyRows,
  generateDemo,
} from '../../src/demo/index.ts';
import { tempDir } from '../support/tmp.ts';

describe('the demo company as rows, for sandboxes', () => {
  it('yields exactly the rows generateDemo writes, and the same truth and settings', async () => {
    const dir = tempDir('tieout-demo-stream-');
    const written = await generateDemo({ outDir: dir });
    const counts: Record<string, Record<string, number>> = { pm: {}, erp: {} };
    const rows = demoCompanyRows({
      seed: DEMO_DEFAULT_SEED,
      asOf: DEMO_DEFAULT_AS_OF,
      scale: { jobs: 40 },
      plant: true,
    });
    let next = rows.next();
    for (; !next.done; next = rows.next()) {
      const side = counts[next.value.side]!;
      side[next.value.table] = (side[next.value.table] ?? 0) + next.value.rows.length;
    }
    const nonEmpty = (c: Record<string, number>) =>
      Object.fromEntries(Object.entries(c).filter(([, n]) => n > 0));
    expect(counts.pm).toEqual(nonEmpty(written.rows.pm));
    expect(counts.erp).toEqual(nonEmpty(written.rows.erp));
    expect(next.value.truth).toEqual(JSON.parse(await readFile(path.join(dir, 'truth.json'), 'utf8')));
    expect(next.value.settings).toEqual(JSON.parse(await readFile(path.join(dir, 'company.json'), 'utf8')));
  });
});
