/**
 * How the CLI reports a failure: one clear message on stderr and the exit code of the error's kind (the one
 * table in connectors/errors.ts, which also gives the API its HTTP status), never a stack trace.
 */
import { CommanderError } from 'commander';
import { classifyError, ERROR_KINDS, type ErrorKind, TieoutError } from '../../connectors/errors.ts';

/** A command-line mistake or refusal; `bad_request` (exit 2) unless the command says what kind it is. */
export class CliError extends TieoutError {
  constructor(message: string, kind: ErrorKind = 'bad_request', code: string = kind) {
    super(kind, code, message);
    this.name = 'CliError';
  }
}

/** The exit code for a failure, after writing its message. */
export function reportFailure(e: unknown): number {
  // commander has already printed its own usage message; --help and --version end with 0.
  if (e instanceof CommanderError) return e.exitCode === 0 ? 0 : ERROR_KINDS.bad_request.exit;
  const { message } = classifyError(e);
  process.stderr.write(`tieout: ${message}\n`);
  if (process.env.TIEOUT_DEBUG && e instanceof Error && e.stack) process.stderr.write(`${e.stack}\n`);
  return exitCodeOf(e);
}

export function exitCodeOf(e: unknown): number {
  return ERROR_KINDS[classifyError(e).kind].exit;
}
