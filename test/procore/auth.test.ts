/** OAuth against the sandbox's /oauth/token: both grants, single-use refresh tokens, 401 handling. */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fileTokenStore, memoryTokenStore, TokenProvider } from '../../connectors/procore/auth.ts';
import { type ProcoreSandbox, startProcoreSandbox } from '../../connectors/procore/sandbox/server.ts';
import { FIXTURE_PM, readAll, sandboxConnector, testContext } from './support.ts';

let sandbox: ProcoreSandbox;
let dir: string;
beforeAll(async () => {
  sandbox = await startProcoreSandbox({ dataset: FIXTURE_PM, rateLimits: { spike: 100_000 } });
  dir = await mkdtemp(path.join(tmpdir(), 'tieout-procore-auth-'));
});
afterAll(async () => {
  await sandbox.close();
  await rm(dir, { recursive: true, force: true });
});

const provider = (o: Partial<ConstructorParameters<typeof TokenProvider>[0]> = {}) =>
  new TokenProvider({
    loginBaseUrl: sandbox.url,
    clientId: sandbox.client.clientId,
    clientSecret: sandbox.client.clientSecret,
    grant: 'client_credentials',
    store: memoryTokenStore(),
    ...o,
  });

describe('client credentials', () => {
  it('caches the token for its lifetime instead of asking for one per call', async () => {
    const tokens = provider();
    const a = await tokens.accessToken();
    const b = await tokens.accessToken();
    expect(a).toBe(b);
    expect(tokens.tokenCalls).toBe(1);
  });

  it('a token the server no longer accepts is renewed once after a 401 and the run carries on', async () => {
    const { connector, tokens } = sandboxConnector(sandbox);
    await tokens.accessToken();
    sandbox.oauth.expireAll();
    const ctx = testContext();
    const result = await readAll(connector, ctx);
    expect(result.rows.jobs).toHaveLength(3);
    expect(tokens.tokenCalls).toBe(2);
  });

  it('wrong credentials fail the side with a message to check them', async () => {
    const { connector } = sandboxConnector(sandbox, {}, { clientSecret: 'wrong' });
    await expect(readAll(connector, testContext())).rejects.toMatchObject({
      code: 'procore_unauthorized',
      message: expect.stringContaining('check the client id and secret'),
    });
  });
});

describe('authorization code with single-use refresh tokens', () => {
  it('exchanges the refresh token for a new pair, persists it atomically, and the spent one is refused', async () => {
    const first = sandbox.oauth.issueRefreshToken();
    const file = path.join(dir, 'company-a', 'procore-tokens.json');
    const tokens = provider({
      grant: 'authorization_code',
      initialRefreshToken: first,
      store: fileTokenStore(file),
    });
    await tokens.accessToken();
    const stored = JSON.parse(await readFile(file, 'utf8')) as { refreshToken: string };
    expect(stored.refreshToken).toMatch(/^[0-9a-f]{48}$/);
    expect(stored.refreshToken).not.toBe(first);

    const replay = provider({
      grant: 'authorization_code',
      initialRefreshToken: first,
      store: memoryTokenStore(),
    });
    await expect(replay.accessToken()).rejects.toMatchObject({ code: 'procore_unauthorized' });

    // a new process picks up the stored pair, not the spent environment value
    const restarted = provider({
      grant: 'authorization_code',
      initialRefreshToken: first,
      store: fileTokenStore(file),
    });
    expect(await restarted.accessToken()).toBeTruthy();
  });

  it('never refreshes concurrently: simultaneous callers share one refresh', async () => {
    const tokens = provider({
      grant: 'authorization_code',
      initialRefreshToken: sandbox.oauth.issueRefreshToken(),
      store: memoryTokenStore(),
    });
    const before = sandbox.oauth.tokenRequests;
    const all = await Promise.all(Array.from({ length: 8 }, () => tokens.accessToken()));
    expect(new Set(all).size).toBe(1);
    expect(sandbox.oauth.tokenRequests - before).toBe(1);
  });

  it('the sandbox issues tokens that live 5400 seconds, as Procore documents', async () => {
    const code = sandbox.oauth.issueCode();
    const res = await fetch(`${sandbox.url}/oauth/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        grant_type: 'authorization_code',
        code,
        client_id: sandbox.client.clientId,
        client_secret: sandbox.client.clientSecret,
        redirect_uri: 'urn:ietf:wg:oauth:2.0:oob',
      }),
    });
    const body = (await res.json()) as Record<string, unknown>;
    expect(body.expires_in).toBe(5400);
    expect(body.refresh_token).toBeTruthy();
  });
});
