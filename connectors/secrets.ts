/**
 * Secret references in configuration: `env:NAME` means "read environment variable NAME". Secrets are resolved
 * when a connector is created, never logged, and never written back into files.
 */
import { timingSafeEqual } from 'node:crypto';
import { z } from 'zod';

export const secretRef = z
  .string()
  .regex(
    /^env:[A-Za-z_][A-Za-z0-9_]*$/,
    'write secrets as env:VARIABLE_NAME and set that environment variable',
  );

export class MissingSecretError extends Error {
  constructor(
    readonly ref: string,
    readonly where: string,
  ) {
    super(`${where} refers to ${ref}, but environment variable ${ref.slice(4)} is not set`);
    this.name = 'MissingSecretError';
  }
}

export function resolveSecret(ref: string, where: string, env: NodeJS.ProcessEnv = process.env): string {
  const name = ref.slice(4);
  const value = env[name];
  if (value === undefined || value === '') throw new MissingSecretError(ref, where);
  return value;
}

/** Whether a presented secret equals the expected one, compared in constant time. */
export function sameSecret(sent: string, expected: string): boolean {
  const a = Buffer.from(sent);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}
