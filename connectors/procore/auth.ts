/**
 * OAuth 2.0 against Procore's login host (official-docs/oauth/*).
 *
 * - client_credentials (developer-managed service account): a token is cached until `expires_in` minus a
 *   margin; there is no refresh token, a new token is simply requested.
 * - authorization_code: refresh tokens are single use. Each refresh returns a new pair, which is persisted
 *   atomically (temporary file + rename) before it is used, and refreshes never run concurrently (one
 *   in-flight promise), so a crash can never leave tieout holding only a spent refresh token.
 */
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { request } from 'undici';
import { z } from 'zod';
import { unauthorized } from './errors.ts';
import { parseJsonExact } from './json.ts';

const tokenResponse = z.looseObject({
  access_token: z.string().min(1),
  token_type: z.string().optional(),
  expires_in: z.number().positive(),
  refresh_token: z.string().min(1).optional(),
  created_at: z.number().optional(),
});

export interface StoredTokens {
  accessToken: string;
  refreshToken?: string;
  /** Epoch milliseconds after which the access token is not used. */
  expiresAt: number;
}

export interface TokenStore {
  load(): Promise<StoredTokens | null>;
  save(tokens: StoredTokens): Promise<void>;
}

/** Keeps the token pair in a JSON file (mode 0600), replaced atomically. */
export function fileTokenStore(file: string): TokenStore {
  return {
    async load() {
      try {
        return JSON.parse(await readFile(file, 'utf8')) as StoredTokens;
      } catch {
        return null;
      }
    },
    async save(tokens) {
      await mkdir(path.dirname(file), { recursive: true });
      const tmp = `${file}.${process.pid}.tmp`;
      await writeFile(tmp, JSON.stringify(tokens), { mode: 0o600 });
      await rename(tmp, file);
    },
  };
}

export function memoryTokenStore(initial: StoredTokens | null = null): TokenStore {
  let value = initial;
  return {
    load: async () => value,
    save: async (t) => {
      value = t;
    },
  };
}

export interface TokenProviderOptions {
  loginBaseUrl: string;
  clientId: string;
  clientSecret: string;
  grant: 'client_credentials' | 'authorization_code';
  /** First refresh token (authorization_code only), used while the store holds none. */
  initialRefreshToken?: string;
  store: TokenStore;
  /** Seconds before expiry at which a token counts as expired. */
  marginSeconds?: number;
  timeoutMs?: number;
  now?: () => number;
}

export class TokenProvider {
  private current: StoredTokens | null = null;
  private inflight: Promise<StoredTokens> | null = null;
  private loaded = false;
  /** Token requests made (counted into the run's call budget). */
  tokenCalls = 0;

  constructor(private readonly opts: TokenProviderOptions) {}

  /** A valid access token, fetching or refreshing one when needed. */
  async accessToken(): Promise<string> {
    const now = this.opts.now?.() ?? Date.now();
    if (!this.loaded) {
      this.loaded = true;
      this.current = await this.opts.store.load();
    }
    if (this.current && this.current.expiresAt > now) return this.current.accessToken;
    return (await this.renew()).accessToken;
  }

  /** Drops the cached access token (after a 401) so the next call renews it. */
  invalidate(): void {
    if (this.current) this.current = { ...this.current, expiresAt: 0 };
  }

  private renew(): Promise<StoredTokens> {
    // Single flight: concurrent callers share one refresh, so a single-use refresh token is never sent twice.
    this.inflight ??= this.fetchTokens().finally(() => {
      this.inflight = null;
    });
    return this.inflight;
  }

  private async fetchTokens(): Promise<StoredTokens> {
    const o = this.opts;
    const form = new URLSearchParams({ client_id: o.clientId, client_secret: o.clientSecret });
    if (o.grant === 'client_credentials') {
      form.set('grant_type', 'client_credentials');
    } else {
      const refresh = this.current?.refreshToken ?? o.initialRefreshToken;
      if (!refresh) throw unauthorized('no refresh token is stored');
      form.set('grant_type', 'refresh_token');
      form.set('refresh_token', refresh);
    }
    this.tokenCalls++;
    const res = await request(new URL('/oauth/token', o.loginBaseUrl), {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
      body: form.toString(),
      signal: AbortSignal.timeout(o.timeoutMs ?? 30_000),
    });
    const text = await res.body.text();
    if (res.statusCode !== 200) {
      throw unauthorized(`POST /oauth/token answered ${res.statusCode} ${oauthError(text)}`.trim());
    }
    const parsed = tokenResponse.safeParse(parseJsonExact(text));
    if (!parsed.success) throw unauthorized('POST /oauth/token returned no usable access token');
    const t = parsed.data;
    const issuedAt = t.created_at ? t.created_at * 1000 : (o.now?.() ?? Date.now());
    const margin = (o.marginSeconds ?? 120) * 1000;
    const next: StoredTokens = {
      accessToken: t.access_token,
      refreshToken: t.refresh_token ?? this.current?.refreshToken,
      expiresAt: issuedAt + t.expires_in * 1000 - margin,
    };
    if (o.grant === 'authorization_code') await o.store.save(next); // persist before use: the old one is spent
    this.current = next;
    return next;
  }
}

function oauthError(text: string): string {
  try {
    const body = JSON.parse(text) as { error?: string; error_description?: string };
    return [body.error, body.error_description].filter(Boolean).join(': ');
  } catch {
    return '';
  }
}
