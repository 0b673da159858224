/** How the CLI reports a failure: one clear message on stderr and a non-zero exit, never a stack trace. */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode = 1,
  ) {
    super(message);
    this.name = 'CliError';
  }
}

export function reportFailure(e: unknown): number {
  const message = e instanceof Error ? e.message : String(e);
  process.stderr.write(`tieout: ${message}\n`);
  if (process.env.TIEOUT_DEBUG && e instanceof Error && e.stack) process.stderr.write(`${e.stack}\n`);
  return e instanceof CliError ? e.exitCode : 1;
}
