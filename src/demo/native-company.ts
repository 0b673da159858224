/**
 * The demo company with its books in an ERP tieout reads natively: beside the profile's exports
 * (through-profile.ts), a config file whose company reads the same books from that system's sandbox through
 * its native connector (`tieout serve --config DIR/vista/tieout.config.json`). The books are the re-keyed
 * canonical folder, which the sandbox writes into the system's own tables.
 */
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { ProfileDemo } from './through-profile.ts';

/** Export profiles whose system also has a native connector: profile name → connector type. */
export const NATIVE_CONNECTORS: Record<string, { type: string; system: string }> = {
  vista: { type: 'vista', system: 'Viewpoint Vista' },
  sage300cre: { type: 'sage300cre', system: 'Sage 300 CRE' },
};

/** Writes `tieout.config.json` beside the demo's folders; returns its path, or undefined without a native path. */
export async function writeNativeCompanyConfig(
  profileName: string,
  demo: ProfileDemo,
): Promise<string | undefined> {
  const native = NATIVE_CONNECTORS[profileName];
  if (!native) return undefined;
  const dir = path.dirname(demo.companyFile);
  const settings = JSON.parse(await readFile(demo.companyFile, 'utf8'));
  const relative = (p: string) => `./${path.relative(dir, p)}`;
  const config = {
    companies: [
      {
        id: `demo-${profileName}`,
        name: `Demo Construction (${native.system})`,
        timezone: 'America/Denver',
        pm: { type: 'files', dir: relative(demo.pm) },
        erp: { type: native.type, sandbox: { dataset: relative(demo.erpCanonical) } },
        settings,
      },
    ],
  };
  const file = path.join(dir, 'tieout.config.json');
  await writeFile(file, `${JSON.stringify(config, null, 2)}\n`);
  return file;
}
