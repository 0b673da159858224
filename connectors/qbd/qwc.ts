/**
 * The company registry and the `.qwc` file: a company is registered with a Web Connector user name, a
 * generated password (stored hashed, shown once), an OwnerID and a FileID. The `.qwc` file is what a
 * bookkeeper adds to the Web Connector on the QuickBooks machine (elements in the order of Intuit's samples).
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { create } from 'xmlbuilder2';
import { scryptHash } from '../secrets.ts';
import { QBWC_PATH } from './qbwc/http.ts';
import type { QbdStore } from './store.ts';

export const QBWC_APP_NAME = 'tieout';

export class QwcError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'QwcError';
  }
}

const guid = () => `{${randomUUID().toUpperCase()}}`;

export interface Registration {
  companyId: string;
  userName: string;
  password: string;
  ownerId: string;
  fileId: string;
  runEveryMinutes: number;
}

/**
 * Registers the company (or gives it a new password), keeping its OwnerID and FileID so the company file it is
 * pinned to stays the same. The password is returned once and never stored in clear.
 */
export async function registerCompany(
  store: QbdStore,
  input: { companyId: string; runEveryMinutes: number; now: Date; password?: string },
): Promise<Registration> {
  const existing = store.company(input.companyId);
  const password = input.password ?? randomBytes(18).toString('base64url');
  const row = {
    companyId: input.companyId,
    userName: existing?.userName ?? `tieout-${input.companyId}`,
    passwordHash: await scryptHash(password),
    ownerId: existing?.ownerId ?? guid(),
    fileId: existing?.fileId ?? guid(),
    runEveryMinutes: input.runEveryMinutes,
    companyName: existing?.companyName ?? null,
    createdAt: existing?.createdAt ?? input.now.toISOString(),
  };
  store.saveCompany(row);
  return { ...row, password };
}

/** The endpoint URL a .qwc may name: HTTPS, or HTTP only on this machine (the Web Connector's own rule). */
export function endpointUrl(raw: string): string {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new QwcError(`--url ${raw} is not a URL; write it as https://tieout.example.com${QBWC_PATH}`);
  }
  const local = ['localhost', '127.0.0.1', '[::1]'].includes(url.hostname);
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && local))
    throw new QwcError(
      `--url ${raw}: the Web Connector accepts only https:// addresses (plain http only for localhost); put tieout behind a TLS proxy and give its https address`,
    );
  if (url.pathname === '/' || url.pathname === '') url.pathname = QBWC_PATH;
  return url.toString();
}

export function qwcDocument(
  r: Registration,
  o: { url: string; companyName: string; readOnly: boolean },
): string {
  const url = endpointUrl(o.url);
  const support = new URL(url);
  support.search = 'wsdl';
  return create({ version: '1.0' })
    .ele({
      QBWCXML: {
        AppName: `${QBWC_APP_NAME} (${o.companyName})`,
        AppID: '',
        AppURL: url,
        AppDescription: `tieout reads job cost from this QuickBooks company file for ${o.companyName}`,
        AppSupport: support.toString(),
        UserName: r.userName,
        OwnerID: r.ownerId,
        FileID: r.fileId,
        QBType: 'QBFS',
        Scheduler: { RunEveryNMinutes: String(r.runEveryMinutes) },
        IsReadOnly: o.readOnly ? 'true' : 'false',
        Style: 'Document',
        AuthFlags: '0xF',
      },
    })
    .end({ prettyPrint: true });
}
