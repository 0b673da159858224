/**
 * The QuickBooks Desktop sandbox: a fake company file served from any canonical dataset folder (the ERP side)
 * behind the qbXML processor, plus the Web Connector driver that runs a session against a tieout endpoint
 * exactly as QBWC does.
 */
import { GL_MAPPED_ROLES, type GlRole } from '../../canonical/tables.ts';
import { readDataset } from '../../sage100c/sandbox/dataset.ts';
import { type CompanyIdentity, QbCompany } from './company.ts';
import { type Lists, renderLists } from './render-lists.ts';
import { renderTxns } from './render-txns.ts';

export { QbCompany } from './company.ts';
export { hcpResponse, QbProcessingError, QbXmlProcessor } from './qbxml-server.ts';

export const SANDBOX_COMPANY_NAME = 'Sandbox Construction (QuickBooks)';

export function sandboxIdentity(overrides: Partial<CompanyIdentity> = {}): CompanyIdentity {
  return {
    companyName: SANDBOX_COMPANY_NAME,
    fileIds: new Map(),
    productName: 'QuickBooks Enterprise Solutions: Contractor 23.0',
    majorVersion: '33',
    country: 'US',
    supportedVersions: [
      '1.0',
      '2.0',
      '3.0',
      '4.0',
      '5.0',
      '6.0',
      '7.0',
      '8.0',
      '9.0',
      '10.0',
      '11.0',
      '12.0',
      '13.0',
    ],
    classTracking: true,
    filePath: 'C:\\Users\\Public\\Documents\\Intuit\\QuickBooks\\Company Files\\Sandbox Construction.QBW',
    ...overrides,
  };
}

export interface SandboxCompany {
  company: QbCompany;
  lists: Lists;
  /** The GL accounts (numbers) the dataset gives a WIP role, by role. */
  glAccounts: Partial<Record<GlRole, string[]>>;
}

/** Renders a dataset folder into a sandbox company whose clock is `now`. */
export async function sandboxFromDataset(
  dir: string,
  options: { now?: () => Date; identity?: Partial<CompanyIdentity> } = {},
): Promise<SandboxCompany> {
  const data = await readDataset(dir);
  const company = new QbCompany(sandboxIdentity(options.identity), options.now ?? (() => new Date()));
  const lists = renderLists(company, data);
  renderTxns(company, data, lists);
  const glAccounts: SandboxCompany['glAccounts'] = {};
  for (const g of data.gl_balances) {
    const role = g.role as keyof SandboxCompany['glAccounts'] | undefined;
    if (!role || !(GL_MAPPED_ROLES as readonly string[]).includes(role)) continue;
    const list = glAccounts[role] ?? [];
    if (!list.includes(g.account)) list.push(g.account);
    glAccounts[role] = list;
  }
  return { company, lists, glAccounts };
}
