/** `tieout serve`: API, pages and scheduler in one process that owns the data directory. */
import type { Command } from 'commander';
import { TIEOUT_VERSION } from '../../version.ts';
import { registerSnapshotSteps } from '../snapshot-steps.ts';

/** What serving needs, loaded when `tieout serve` runs. */
async function loadServe() {
  await registerSnapshotSteps();
  const [
    { serve },
    { QBWC_PATH, qbwcApp },
    { QbwcService },
    { QbdStore },
    { deliverAlerts, sendApproverDigest },
    { createApp },
    { executeAllApproved },
    { ensureDemoPeople },
    { demoDir },
    { openRuntime },
    { startScheduler },
    { runSnapshotForCompany },
    { currentSnapshot },
  ] = await Promise.all([
    import('@hono/node-server'),
    import('../../../connectors/qbd/qbwc/http.ts'),
    import('../../../connectors/qbd/qbwc/service.ts'),
    import('../../../connectors/qbd/store.ts'),
    import('../../alerts/after-snapshot.ts'),
    import('../../api/app.ts'),
    import('../../approvals/writers.ts'),
    import('../../demo/people.ts'),
    import('../../demo/runtime-config.ts'),
    import('../../runtime.ts'),
    import('../../scheduler/scheduler.ts'),
    import('../../snapshot/run.ts'),
    import('../../store/runs.ts'),
  ]);
  return {
    serve,
    QBWC_PATH,
    qbwcApp,
    QbwcService,
    QbdStore,
    deliverAlerts,
    sendApproverDigest,
    createApp,
    executeAllApproved,
    ensureDemoPeople,
    demoDir,
    openRuntime,
    startScheduler,
    runSnapshotForCompany,
    currentSnapshot,
  };
}

export function registerServeCommand(program: Command): void {
  program
    .command('serve')
    .description('run the API, the web pages and the nightly scheduler')
    .option('--port <port>', 'HTTP port (default: $PORT or 8787)')
    .action(async (opts: { port?: string }, cmd: Command) => {
      const {
        serve,
        QBWC_PATH,
        qbwcApp,
        QbwcService,
        QbdStore,
        deliverAlerts,
        sendApproverDigest,
        createApp,
        executeAllApproved,
        ensureDemoPeople,
        demoDir,
        openRuntime,
        startScheduler,
        runSnapshotForCompany,
        currentSnapshot,
      } = await loadServe();
      const runtime = await openRuntime({
        configPath: cmd.optsWithGlobals().config,
        command: 'serve',
        writes: true,
      });
      const { log, config } = runtime;
      if (config.isDemo) {
        // People first, so the first snapshot's alert emails have someone to go to (written to the outbox).
        const people = await ensureDemoPeople(runtime.store, demoDir(config.dataDir));
        // On stdout, once (when the people are made), never on the log stream (stderr, which is collected).
        for (const p of people)
          process.stdout.write(
            `tieout demo: sign in as ${p.email} (${p.role}) with password ${p.password}\n`,
          );
        if (people.length > 0)
          process.stdout.write(
            `tieout demo: these sign-ins are kept in ${demoDir(config.dataDir)}/sign-in.txt (readable by you only)\n`,
          );
      }
      // A company with no snapshot yet gets one now, so the first page has numbers (the demo relies on it).
      for (const company of config.companies) {
        if (!currentSnapshot(runtime.store.db, company.id)) {
          const outcome = await runSnapshotForCompany(runtime, company, 'startup');
          if (!outcome.ok) log.error({ company: company.id, code: outcome.code }, outcome.message);
        }
      }
      const scheduler = startScheduler({
        runtime,
        jobs: { digest: sendApproverDigest, deliver: deliverAlerts, execute: executeAllApproved },
      });
      void scheduler.catchUp();
      // Start-up recovery: writes a previous process left mid-way are finished (or found already applied).
      executeAllApproved(runtime, { resume: true }).catch((e: unknown) =>
        log.error({ err: e }, 'start-up recovery of interrupted writes failed'),
      );
      const app = createApp({ runtime, nextRun: scheduler.nextRun });
      // The QuickBooks Web Connector endpoint: SOAP, not the JSON API, with a body limit of its own.
      const qbdStore = QbdStore.open(config.dataDir);
      const qbwc = qbwcApp(
        new QbwcService({
          store: qbdStore,
          now: () => new Date(),
          serverVersion: TIEOUT_VERSION,
          log: log.child({ system: 'qbd' }),
          plan: (companyId) => {
            const erp = config.companies.find((c) => c.id === companyId)?.erp as
              | { pageSize?: number; fullSweepDays?: number }
              | undefined;
            return { pageSize: erp?.pageSize, fullSweepDays: erp?.fullSweepDays };
          },
        }),
      );
      const port = opts.port !== undefined ? Number(opts.port) : config.port;
      const fetch = (req: Request, env: unknown) =>
        new URL(req.url).pathname === QBWC_PATH ? qbwc.fetch(req, env) : app.fetch(req, env);
      const server = serve({ fetch, port, hostname: process.env.HOST ?? '127.0.0.1' }, (info) => {
        log.info({ port: info.port, config: config.source, dataDir: config.dataDir }, 'tieout is serving');
        process.stderr.write(`tieout: serving on http://${process.env.HOST ?? '127.0.0.1'}:${info.port}\n`);
      });
      const shutdown = () => {
        void scheduler.stop();
        server.close();
        qbdStore.close();
        runtime.close();
        process.exit(0);
      };
      process.once('SIGINT', shutdown);
      process.once('SIGTERM', shutdown);
    });
}
