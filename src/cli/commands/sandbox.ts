/**
 * `tieout sandbox procore --dataset DIR --port P`: runs the Procore sandbox standalone, seeded from a
 * canonical dataset folder (the PM side of the files format), until interrupted. It prints the base URL,
 * the company id and a client id/secret for the client-credentials grant, so any Procore client (tieout's
 * own connector with loginBaseUrl/apiBaseUrl pointed at it, curl, Postman) can be tried against it.
 */
import path from 'node:path';
import type { Command } from 'commander';
import { CliError } from '../errors.ts';

interface SandboxOptions {
  dataset: string;
  port: string;
  host: string;
  companyId: string;
  clientId?: string;
  clientSecret?: string;
}

export function registerSandboxCommands(program: Command): void {
  const sandbox = program.command('sandbox').description('run a local imitation of an external system');
  sandbox
    .command('procore')
    .description('serve a canonical dataset folder as a Procore company on Procore’s REST paths')
    .requiredOption('--dataset <dir>', 'canonical dataset folder (PM side of the files format)')
    .option('--port <port>', 'port to listen on (0 = any free port)', '8790')
    .option('--host <host>', 'interface to listen on', '127.0.0.1')
    .option('--company-id <id>', 'Procore company id to serve', '4264807')
    .option('--client-id <id>', 'OAuth client id to accept (default: generated)')
    .option('--client-secret <secret>', 'OAuth client secret to accept (default: generated)')
    .action(async (opts: SandboxOptions) => {
      const port = Number(opts.port);
      if (!Number.isInteger(port) || port < 0 || port > 65_535) {
        throw new CliError(`--port ${opts.port} is not a port number (0–65535)`);
      }
      if (!/^\d+$/.test(opts.companyId))
        throw new CliError('--company-id must be digits, as Procore ids are');
      const dataset = path.resolve(opts.dataset);
      const { DatasetError } = await import('../../../connectors/procore/sandbox/dataset.ts');
      const { startProcoreSandbox } = await import('../../../connectors/procore/sandbox/server.ts');
      let running: Awaited<ReturnType<typeof startProcoreSandbox>>;
      try {
        running = await startProcoreSandbox({
          dataset,
          port,
          host: opts.host,
          companyId: opts.companyId,
          client:
            opts.clientId && opts.clientSecret
              ? { clientId: opts.clientId, clientSecret: opts.clientSecret }
              : undefined,
        });
      } catch (e) {
        if (e instanceof DatasetError) throw new CliError(`the dataset cannot be served: ${e.message}`);
        if ((e as { code?: string }).code === 'EADDRINUSE') {
          throw new CliError(
            `port ${port} is in use; pick another with --port (0 = any free port)`,
            'unavailable',
          );
        }
        throw e;
      }
      const out = process.stdout;
      out.write(`Procore sandbox serving ${dataset}\n`);
      out.write(`  API and login base URL: ${running.url}\n`);
      out.write(`  Procore-Company-Id:     ${running.companyId}\n`);
      out.write(`  client_id:              ${running.client.clientId}\n`);
      out.write(`  client_secret:          ${running.client.clientSecret}\n`);
      for (const w of running.data.warnings) out.write(`  warning: ${w}\n`);
      const stop = async () => {
        await running.close();
        process.exit(0);
      };
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    });
}
