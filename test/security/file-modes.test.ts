/**
 * What tieout creates in the data directory is the owner's only: directories 0700, the store, the audit key,
 * snapshot files and outbox emails 0600 — whatever the process umask (set to 0022 here, the common default,
 * so a file left to it would come out 0644).
 */
import { chmodSync, mkdirSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fileTransport } from '../../src/alerts/transport.ts';
import { openStore, storeFile } from '../../src/store/db.ts';
import { tempDir } from '../support/tmp.ts';

const mode = (p: string) => statSync(p).mode & 0o777;
let umask: number;
beforeAll(() => {
  umask = process.umask(0o022);
});
afterAll(() => {
  process.umask(umask);
});

describe('file modes in the data directory', () => {
  it('the data directory is 0700; the store and the audit key 0600, an existing store made 0600', () => {
    const dataDir = path.join(tempDir(), 'data');
    const store = openStore(dataDir, { env: {} });
    store.close();
    expect(mode(dataDir)).toBe(0o700);
    expect(mode(storeFile(dataDir))).toBe(0o600);
    expect(mode(path.join(dataDir, 'audit.key'))).toBe(0o600);

    const older = path.join(tempDir(), 'data');
    mkdirSync(older);
    writeFileSync(storeFile(older), '');
    chmodSync(storeFile(older), 0o644);
    openStore(older, { env: {} }).close();
    expect(mode(storeFile(older))).toBe(0o600);
  });

  it('outbox emails are 0600 in 0700 folders', async () => {
    const dataDir = tempDir();
    const transport = fileTransport(dataDir);
    const { file } = (await transport.send({
      id: 'e1',
      companyId: 'acme',
      to: 'ann@acme.test',
      subject: 'findings',
      text: 'two findings',
      html: '<p>two findings</p>',
    })) as { file: string };
    transport.close();
    expect(mode(path.join(dataDir, file))).toBe(0o600);
    expect(mode(path.dirname(path.join(dataDir, file)))).toBe(0o700);
    expect(mode(path.join(dataDir, 'outbox'))).toBe(0o700);
  });
});
