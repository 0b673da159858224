/**
 * Secret references in configuration: `env:NAME` means "read environment variable NAME". Secrets are resolved
 * when a connector is created, never logged, and never written back into files.
 */
import { randomBytes, scrypt, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import { TieoutError } from './errors.ts';

export const secretRef = z
  .string()
  .regex(
    /^env:[A-Za-z_][A-Za-z0-9_]*$/,
    'write secrets as env:VARIABLE_NAME and set that environment variable',
  );

export class MissingSecretError extends TieoutError {
  constructor(
    readonly ref: string,
    readonly where: string,
  ) {
    super(
      'config',
      'secret_missing',
      `${where} refers to ${ref}, but environment variable ${ref.slice(4)} is not set`,
    );
    this.name = 'MissingSecretError';
  }
}

export function resolveSecret(ref: string, where: string, env: NodeJS.ProcessEnv = process.env): string {
  const name = ref.slice(4);
  const value = env[name];
  if (value === undefined || value === '') throw new MissingSecretError(ref, where);
  return value;
}

// ------------------------------------------------------------------ password hashes

export interface ScryptParams {
  N: number;
  r: number;
  p: number;
}

/**
 * New hashes: N = 2^17, r = 8, p = 1 (OWASP's scrypt floor). Each hash holds 128 × N × r bytes = 128 MiB
 * while it runs, over Node's default `maxmem` (32 MiB), so `maxmem` is set from the parameters; and at most
 * two hashes run at a time, so a burst of sign-ins holds 256 MiB, not 128 MiB per waiting request.
 */
export const SCRYPT: ScryptParams & { keylen: number } = { N: 2 ** 17, r: 8, p: 1, keylen: 32 };
const MAX_RUNNING = 2;

let running = 0;
const waiting: (() => void)[] = [];

async function scryptAsync(
  password: string,
  salt: Buffer,
  params: ScryptParams,
  keylen: number,
): Promise<Buffer> {
  if (running >= MAX_RUNNING) await new Promise<void>((go) => waiting.push(go));
  running++;
  try {
    return await new Promise((resolve, reject) =>
      scrypt(
        password,
        salt,
        keylen,
        { ...params, maxmem: 128 * params.N * params.r + 1024 * 1024 },
        (e, key) => (e ? reject(e) : resolve(key)),
      ),
    );
  } finally {
    running--;
    waiting.shift()?.();
  }
}

/** Stored parameters are read back within sane bounds (a power of two N up to 2^20, r ≤ 32, p ≤ 4). */
function parseStored(stored: string): (ScryptParams & { salt: Buffer; hash: Buffer }) | null {
  const m = /^scrypt\$(\d+)\$(\d+)\$(\d+)\$([A-Za-z0-9+/=]+)\$([A-Za-z0-9+/=]+)$/.exec(stored);
  if (!m) return null;
  const [N, r, p] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const powerOfTwo = N >= 2 && N <= 2 ** 20 && (N & (N - 1)) === 0;
  if (!powerOfTwo || r < 1 || r > 32 || p < 1 || p > 4) return null;
  return { N, r, p, salt: Buffer.from(m[4]!, 'base64'), hash: Buffer.from(m[5]!, 'base64') };
}

/**
 * The one password hash of tieout (people's page passwords, the Web Connector's password): scrypt, slow by
 * design, stored as `scrypt$N$r$p$salt$hash` so a hash made with older parameters still verifies.
 */
export async function scryptHash(password: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await scryptAsync(password, salt, SCRYPT, SCRYPT.keylen);
  return `scrypt$${SCRYPT.N}$${SCRYPT.r}$${SCRYPT.p}$${salt.toString('base64')}$${key.toString('base64')}`;
}

/** Whether a stored hash was made with weaker parameters than today's (re-hash it at the next sign-in). */
export function scryptOutdated(stored: string | null): boolean {
  const parsed = stored ? parseStored(stored) : null;
  return parsed !== null && (parsed.N < SCRYPT.N || parsed.r < SCRYPT.r || parsed.p < SCRYPT.p);
}

export async function scryptMatches(stored: string | null, password: string): Promise<boolean> {
  const parsed = stored ? parseStored(stored) : null;
  if (!parsed) {
    // Without a (readable) stored hash, still spend the time so timing does not tell which names exist.
    await scryptAsync(password, Buffer.alloc(16), SCRYPT, SCRYPT.keylen);
    return false;
  }
  const key = await scryptAsync(password, parsed.salt, parsed, parsed.hash.length || SCRYPT.keylen);
  return parsed.hash.length === key.length && timingSafeEqual(parsed.hash, key);
}

/** Whether a presented secret equals the expected one, compared in constant time. */
export function sameSecret(sent: string, expected: string): boolean {
  const a = Buffer.from(sent);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}
