/** The pages people use, server-rendered with hono/jsx; the role table in src/api/access.ts guards each. */
import { fileURLToPath } from 'node:url';
import { serveStatic } from '@hono/node-server/serve-static';
import type { OpenAPIHono } from '@hono/zod-openapi';
import type { ApiEnv } from '../api/context.ts';
import type { SnapshotCache } from '../api/snapshots.ts';
import { bulkApproveFromPage, decideFromPage, executeFromPage } from './approvals-actions.tsx';
import { approvalPage, approvalsPage } from './approvals-page.tsx';
import { bondingPage } from './bonding-page.tsx';
import { findingActionPage, findingPage, findingsPage } from './findings-pages.tsx';
import { jobCostPage, jobsPage } from './job-pages.tsx';
import { jobCostLinesPage, wipLinesPage } from './lineage-page.tsx';
import { registerLogin } from './login.tsx';
import { overviewPage } from './overview.tsx';
import { closeFromPage, wipPage } from './wip-page.tsx';

const STATIC = fileURLToPath(new URL('./static', import.meta.url));

export function registerPages(app: OpenAPIHono<ApiEnv>, cache: SnapshotCache): void {
  app.get('/static/*', serveStatic({ root: STATIC, rewriteRequestPath: (p) => p.replace(/^\/static/, '') }));
  registerLogin(app);
  app.get('/', (c) => overviewPage(c, cache));
  app.get('/companies/:companyId/jobs', (c) => jobsPage(c, cache));
  app.get('/companies/:companyId/jobs/:jobNumber', (c) => jobCostPage(c, cache));
  app.get('/companies/:companyId/jobs/:jobNumber/job-cost/columns/:column/lines', (c) =>
    jobCostLinesPage(c, cache),
  );
  app.get('/companies/:companyId/findings', (c) => findingsPage(c));
  app.get('/companies/:companyId/findings/:key', (c) => findingPage(c));
  app.post('/companies/:companyId/findings/:key/acknowledge', (c) => findingActionPage(c, 'acknowledge'));
  app.post('/companies/:companyId/findings/:key/ignore', (c) => findingActionPage(c, 'ignore'));
  app.get('/companies/:companyId/wip', (c) => wipPage(c, cache));
  app.get('/companies/:companyId/wip/jobs/:jobNumber/columns/:column/lines', (c) => wipLinesPage(c, cache));
  app.post('/companies/:companyId/wip/close', (c) => closeFromPage(c));
  app.get('/companies/:companyId/bonding', (c) => bondingPage(c));
  app.get('/approvals', (c) => approvalsPage(c));
  app.post('/approvals/bulk-approve', (c) => bulkApproveFromPage(c));
  app.get('/approvals/:approvalId', (c) => approvalPage(c));
  app.post('/approvals/:approvalId/approve', (c) => decideFromPage(c, 'approve'));
  app.post('/approvals/:approvalId/reject', (c) => decideFromPage(c, 'reject'));
  app.post('/approvals/:approvalId/execute', (c) => executeFromPage(c));
}
