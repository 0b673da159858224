/**
 * Pages carry a Content-Security-Policy (the API docs page allows exactly its own inline script by hash);
 * the session cookie is Secure when the configured public URL is https, never guessed from headers; error
 * responses name no absolute server path; passwords are hashed with scrypt N = 2^17 and an older hash still
 * signs in and is upgraded then.
 */
import { createHash, randomBytes, scryptSync } from 'node:crypto';
import { renameSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scryptHash, scryptMatches } from '../../connectors/secrets.ts';
import { closeSnapshotHandles } from '../../src/snapshot/handles.ts';
import { absoluteSnapshotPath } from '../../src/snapshot/paths.ts';
import { currentSnapshot } from '../../src/store/runs.ts';
import { findUserByEmail } from '../../src/store/users.ts';
import { AS_OF, PASSWORD, type Served, signIn, startTieout } from '../api/support.ts';

let t: Served;
beforeAll(async () => {
  t = await startTieout();
}, 120_000);
afterAll(() => t?.close());

describe('Content-Security-Policy', () => {
  it('pages allow scripts from tieout only and no framing', async () => {
    const res = await fetch(`${t.url}/login`);
    const csp = res.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("script-src 'self'");
    expect(/script-src[^;]*unsafe-inline/.test(csp)).toBe(false);
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("object-src 'none'");
  });

  it('the API docs page allows its one inline script by its SHA-256, and nothing else inline', async () => {
    const res = await fetch(`${t.url}/docs`);
    const html = await res.text();
    const inline = [...html.matchAll(/<script>([\s\S]*?)<\/script>/g)].map((m) => m[1]!);
    expect(inline.length).toBeGreaterThan(0);
    const csp = res.headers.get('content-security-policy') ?? '';
    for (const code of inline) {
      const hash = createHash('sha256').update(code).digest('base64');
      expect(csp).toContain(`'sha256-${hash}'`);
    }
    expect(/script-src[^;]*unsafe-inline/.test(csp)).toBe(false);
    // swagger-ui's files are served by tieout itself
    expect(html).toContain('/vendor/swagger-ui-dist/');
  });
});

describe('the session cookie', () => {
  it('is Secure when the configured public URL is https, and not because a request says https', async () => {
    const config = t.runtime.config;
    const plain = await signIn(
      t.url,
      { email: 'viewer@acme.test', password: PASSWORD },
      { 'x-forwarded-proto': 'https' },
    );
    const cookieOf = (r: Response) => r.headers.getSetCookie().find((c) => c.startsWith('tieout_session='))!;
    expect(cookieOf(plain.res)).not.toMatch(/;\s*Secure/i);
    config.alerts = { ...config.alerts, publicUrl: 'https://tieout.acme.example' };
    try {
      const secure = await signIn(t.url, { email: 'viewer@acme.test', password: PASSWORD });
      expect(cookieOf(secure.res)).toMatch(/;\s*Secure/i);
    } finally {
      config.alerts = { ...config.alerts, publicUrl: undefined };
    }
  });
});

describe('error responses', () => {
  it('name no absolute path of the server when a snapshot file cannot be opened', async () => {
    const { dataDir } = t.runtime.config;
    const file = absoluteSnapshotPath(dataDir, currentSnapshot(t.runtime.store.db, 'acme')!.path);
    closeSnapshotHandles(dataDir);
    renameSync(file, `${file}.away`);
    try {
      const res = await t.api(`/api/companies/acme/reports/wip?asOf=${AS_OF}&format=json`);
      expect(res.status).toBe(503);
      const body = JSON.stringify(await res.json());
      expect(body).toContain('snapshot');
      expect(body).not.toContain(dataDir);
      expect(body).not.toMatch(/\/tmp\//);
    } finally {
      renameSync(`${file}.away`, file);
    }
  });
});

describe('password hashes', () => {
  it('new hashes use scrypt N = 2^17, r = 8, p = 1', async () => {
    const hash = await scryptHash('a long enough password');
    expect(hash.startsWith('scrypt$131072$8$1$')).toBe(true);
    expect(await scryptMatches(hash, 'a long enough password')).toBe(true);
    expect(await scryptMatches(hash, 'a long enough passwore')).toBe(false);
  });

  it('an N = 2^14 hash (made here with node:crypto directly) still signs in, and is upgraded at sign-in', async () => {
    const salt = randomBytes(16);
    const key = scryptSync(PASSWORD, salt, 32, { N: 16384, r: 8, p: 1 });
    const legacy = `scrypt$16384$8$1$${salt.toString('base64')}$${key.toString('base64')}`;
    const db = t.runtime.store.db;
    t.runtime.store.sqlite
      .prepare('UPDATE users SET password_hash = ? WHERE email = ?')
      .run(legacy, 'pm@acme.test');
    expect(await scryptMatches(legacy, PASSWORD)).toBe(true);

    const wrong = await signIn(t.url, { email: 'pm@acme.test', password: 'not the password' });
    expect(wrong.res.status).toBe(401);
    expect(findUserByEmail(db, 'pm@acme.test')!.passwordHash).toBe(legacy); // a failure changes nothing

    const right = await signIn(t.url, { email: 'pm@acme.test', password: PASSWORD });
    expect(right.res.status).toBe(303);
    const upgraded = findUserByEmail(db, 'pm@acme.test')!.passwordHash!;
    expect(upgraded.startsWith('scrypt$131072$8$1$')).toBe(true);
    expect(await scryptMatches(upgraded, PASSWORD)).toBe(true);
    expect((await signIn(t.url, { email: 'pm@acme.test', password: PASSWORD })).res.status).toBe(303);
  }, 60_000);
});
