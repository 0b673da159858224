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

const SCRYPT = { N: 16384, r: 8, p: 1, keylen: 32 };

function scryptAsync(password: string, salt: Buffer): Promise<Buffer> {
  return new Promise((resolve, reject) =>
    scrypt(password, salt, SCRYPT.keylen, { N: SCRYPT.N, r: SCRYPT.r, p: SCRYPT.p }, (e, key) =>
      e ? reject(e) : resolve(key),
    ),
  );
}

/**
 * The one password hash of tieout (people's page passwords, the Web Connector's password): scrypt, slow by
 * design, stored as `scrypt$N$r$p$salt$hash`.
 */
export async function scryptHash(password: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await scryptAsync(password, salt);
  return `scrypt$${SCRYPT.N}$${SCRYPT.r}$${SCRYPT.p}$${salt.toString('base64')}$${key.toString('base64')}`;
}

export async function scryptMatches(stored: string | null, password: string): Promise<boolean> {
  // Without a stored hash, still spend the time so timing does not tell which names exist.
  const [, , , , salt, hash] = (stored ?? `scrypt$0$0$0$${'A'.repeat(24)}$${'A'.repeat(44)}`).split('$');
  const key = await scryptAsync(password, Buffer.from(salt ?? '', 'base64'));
  const expected = Buffer.from(hash ?? '', 'base64');
  return stored !== null && expected.length === key.length && timingSafeEqual(expected, key);
}

/** Whether a presented secret equals the expected one, compared in constant time. */
export function sameSecret(sent: string, expected: string): boolean {
  const a = Buffer.from(sent);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}
