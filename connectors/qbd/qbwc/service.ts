/**
 * The eight methods of the QuickBooks Web Connector service, as the WSDL declares them. QBWC polls: it calls
 * clientVersion, authenticate, then sendRequestXML / receiveResponseXML until we answer 100 (or fail), and
 * closeConnection; connectionError when it could not open QuickBooks, getLastError after a failure. Every
 * session is a row in the connector's SQLite file, so what a company's last complete session was survives
 * restarts, and a session that fails or stops halfway never replaces the previous complete copy.
 */
import { randomUUID } from 'node:crypto';
import type { ConnectorLogger } from '../../contract.ts';
import { scryptMatches } from '../../secrets.ts';
import { identityRequests, requestDocument } from '../qbxml/requests.ts';
import { parseResponses, type QbResponse } from '../qbxml/responses.ts';
import { children, QbXmlError, text, texts } from '../qbxml/xml.ts';
import type { QbdStore, SessionRow } from '../store.ts';
import { QbdWriteQueue } from '../write/queue.ts';
import { SessionWrites, WRITE_REQUEST_PREFIX } from '../write/session.ts';
import {
  DEFAULT_PLAN_OPTIONS,
  newPlan,
  nextRequest,
  type Plan,
  type PlanOptions,
  progress,
  takeResponse,
} from './plan.ts';

/** qbXML versions tieout's requests are written for (Intuit's 13.0 templates), highest first. */
export const SUPPORTED_QBXML = ['13.0'] as const;

/** Web Connector versions: below MIN_CLIENT refused, below WARN_CLIENT warned (Intuit's current line is 2.3). */
export const MIN_CLIENT = [2, 0] as const;
export const WARN_CLIENT = [2, 3] as const;

export interface QbwcServiceOptions {
  store: QbdStore;
  now: () => Date;
  serverVersion: string;
  /** Page size and full-sweep interval, for all companies or per company (its connector config). */
  plan?: Partial<PlanOptions> | ((companyId: string) => Partial<PlanOptions>);
  log?: ConnectorLogger;
}

interface SessionPlan {
  /** Set while the first exchange asks QuickBooks for Host and Company (no strHCPResponse came). */
  identity?: { version: string };
  read?: Plan;
}

export class QbwcService {
  /** Approved writes go out first in a session, each after the query for an earlier attempt. */
  private readonly writes: SessionWrites;

  constructor(private readonly o: QbwcServiceOptions) {
    this.writes = new SessionWrites(new QbdWriteQueue(o.store.db), () => this.nowIso());
  }

  private planOptions(companyId: string): PlanOptions {
    const p = typeof this.o.plan === 'function' ? this.o.plan(companyId) : this.o.plan;
    return {
      pageSize: p?.pageSize ?? DEFAULT_PLAN_OPTIONS.pageSize,
      fullSweepDays: p?.fullSweepDays ?? DEFAULT_PLAN_OPTIONS.fullSweepDays,
    };
  }

  private get store() {
    return this.o.store;
  }

  private nowIso() {
    return this.o.now().toISOString();
  }

  serverVersion(): string {
    return `tieout ${this.o.serverVersion}`;
  }

  /** `""` = go on; `W:` = warn the user and go on; `E:` = refuse (QBWC stops and shows the text). */
  clientVersion(strVersion: string): string {
    const parts = strVersion.split('.').map((p) => Number(p));
    const [major = Number.NaN, minor = 0] = parts;
    if (!Number.isFinite(major)) return '';
    const below = (v: readonly [number, number]) => major < v[0] || (major === v[0] && minor < v[1]);
    if (below(MIN_CLIENT))
      return `E:tieout needs QuickBooks Web Connector ${MIN_CLIENT.join('.')} or later; this is ${strVersion}. Install the current Web Connector from Intuit and add the .qwc file again.`;
    if (below(WARN_CLIENT))
      return `W:This QuickBooks Web Connector (${strVersion}) is older than ${WARN_CLIENT.join('.')}; tieout works with it, but Intuit's current Web Connector is recommended.`;
    return '';
  }

  /**
   * `[ticket, ""]` = use the company file open in QuickBooks; `[ticket, "none"]` = nothing to do now;
   * `[ticket, "nvu"]` = not a valid user.
   */
  async authenticate(userName: string, password: string): Promise<[string, string]> {
    const company = this.store.companyByUser(userName);
    const ok = await scryptMatches(company?.passwordHash ?? null, password);
    if (!company || !ok) {
      this.o.log?.warn({ userName }, 'Web Connector sign-in refused');
      return [randomUUID(), 'nvu'];
    }
    const at = this.nowIso();
    this.store.abandonOpenSessions(company.companyId, at);
    const ticket = randomUUID();
    const state = this.store.state(company.companyId);
    const sinceMs = state ? this.o.now().getTime() - Date.parse(state.completedAt) : Number.POSITIVE_INFINITY;
    // A Web Connector set to poll more often than the schedule gets "none" until half the interval has passed.
    // Approved writes waiting are work to do, however recent the last read.
    if (sinceMs < (company.runEveryMinutes * 60_000) / 2 && !this.writes.waiting(company.companyId)) {
      this.store.recordNoWork(ticket, company.companyId, at, null);
      return [ticket, 'none'];
    }
    this.store.openSession(ticket, company.companyId, at, null);
    return [ticket, ''];
  }

  /** The next qbXML request of the session; `""` when there is none or the session cannot go on. */
  sendRequestXML(
    ticket: string,
    strHCPResponse: string,
    strCompanyFileName: string,
    qbXMLCountry: string,
    qbXMLMajorVers: string,
    qbXMLMinorVers: string,
  ): string {
    const session = this.openSession(ticket);
    if (!session) return '';
    let plan = planOf(session);
    if (!plan.identity && !plan.read) {
      this.store.updateSession(ticket, {
        companyFile: strCompanyFileName || null,
        country: qbXMLCountry || null,
      });
      if (strHCPResponse.trim()) {
        if (!this.identify(session, strHCPResponse, `${qbXMLMajorVers}.${qbXMLMinorVers}`)) return '';
        plan = planOf(this.store.session(ticket)!);
      } else {
        // No Host/Company/Preferences response on the first call: ask QuickBooks ourselves.
        const version = `${qbXMLMajorVers || '13'}.${qbXMLMinorVers || '0'}`;
        const company = this.store.company(session.companyId)!;
        this.savePlan(ticket, { identity: { version } });
        return requestDocument(pickVersion([version]) ?? '13.0', identityRequests(company.ownerId));
      }
    }
    if (!plan.read) return '';
    const write = this.writes.nextRequest(session.companyId, ticket);
    if (write) {
      this.store.updateSession(ticket, { requests: session.requests + 1 });
      return requestDocument(session.qbxmlVersion ?? SUPPORTED_QBXML[0], [write]);
    }
    const request = nextRequest(plan.read, this.planOptions(session.companyId));
    if (!request) return '';
    this.store.updateSession(ticket, { requests: session.requests + 1 });
    return requestDocument(session.qbxmlVersion ?? SUPPORTED_QBXML[0], [request]);
  }

  /** 0–99: percent done, call sendRequestXML again; 100: done; negative: failed (getLastError says why). */
  receiveResponseXML(ticket: string, response: string, hresult: string, message: string): number {
    const session = this.openSession(ticket);
    if (!session) return -1;
    if (hresult.trim())
      return this.fail(session, `QuickBooks could not process tieout's request (${hresult}): ${message}`);
    let responses: QbResponse[];
    try {
      responses = parseResponses(response);
    } catch (e) {
      if (e instanceof QbXmlError)
        return this.fail(session, `QuickBooks' answer could not be read: ${e.message}`);
      throw e;
    }
    const plan = planOf(session);
    if (plan.identity) {
      if (!this.identify(session, response, plan.identity.version)) return -1;
      return 0;
    }
    if (!plan.read) return this.fail(session, 'a response came before any request of this session');
    // A write's answer (its refusal included) is recorded on the write; the session goes on to the read.
    if (responses[0]?.requestId?.startsWith(WRITE_REQUEST_PREFIX)) {
      this.writes.takeResponse(session.companyId, ticket, responses[0]);
      return Math.max(1, progress(plan.read));
    }
    for (const rs of responses) {
      if (rs.status === 'error')
        return this.fail(
          session,
          `QuickBooks refused ${rs.name.replace(/Rs$/, 'Rq')} (status ${rs.statusCode}): ${rs.statusMessage}`,
        );
      if (rs.status === 'warn')
        this.store.addWarning(ticket, `${rs.name} status ${rs.statusCode}: ${rs.statusMessage}`);
    }
    const expected = nextRequest(plan.read, this.planOptions(session.companyId));
    const rs = responses[0];
    if (!rs || !expected) return this.fail(session, 'QuickBooks answered with no response to the request');
    const expectedName = expected.name.replace(/Rq$/, 'Rs');
    if (rs.name !== expectedName || (rs.requestId !== undefined && rs.requestId !== expected.requestId))
      return this.fail(
        session,
        `QuickBooks answered ${rs.name} (request ${rs.requestId ?? '?'}) to ${expected.name} (request ${expected.requestId}); the session was stopped so nothing is filed in the wrong place`,
      );
    const staged = takeResponse(plan.read, rs);
    const byEntity = new Map<string, typeof staged>();
    for (const r of staged) byEntity.set(r.entity, [...(byEntity.get(r.entity) ?? []), r]);
    for (const [entity, records] of byEntity) this.store.stage(ticket, entity, records);
    const records = session.records + staged.length;
    const done = progress(plan.read);
    if (done < 100) {
      this.store.updateSession(ticket, { plan: JSON.stringify(plan), records });
      return done;
    }
    const previous = this.store.state(session.companyId);
    const at = this.nowIso();
    this.store.updateSession(ticket, { plan: JSON.stringify(plan), records });
    this.store.commitSession(
      ticket,
      session.companyId,
      plan.read.full,
      {
        lastTicket: ticket,
        completedAt: at,
        fullAt: plan.read.full || !previous ? at : previous.fullAt,
        watermarks: plan.read.seen,
      },
      at,
    );
    if (session.companyName) this.store.pinCompanyName(session.companyId, session.companyName);
    this.o.log?.info(
      { company: session.companyId, ticket, records, full: plan.read.full },
      'Web Connector session complete',
    );
    return 100;
  }

  /** QBWC could not reach QuickBooks or the company file: the session fails; "DONE" tells it to stop. */
  connectionError(ticket: string, hresult: string, message: string): string {
    const session = this.store.session(ticket);
    if (session?.status === 'open')
      this.fail(session, `The Web Connector could not open QuickBooks (${hresult}): ${message}`);
    return 'DONE';
  }

  getLastError(ticket: string): string {
    const session = this.store.session(ticket);
    if (!session)
      return `tieout does not know the session ${ticket}; the Web Connector should sign in again.`;
    return session.lastError ?? 'No error';
  }

  /** The text QBWC shows when the session ends; a session still open here stopped early and is abandoned. */
  closeConnection(ticket: string): string {
    const session = this.store.session(ticket);
    if (!session) return 'OK';
    if (session.status === 'open') {
      this.store.abandonOpenSessions(session.companyId, this.nowIso());
      return 'tieout: the session ended before the read completed; the previous complete data stays current.';
    }
    if (session.status === 'complete')
      return `tieout read ${session.records} records from ${session.companyName ?? 'the company file'}.`;
    if (session.status === 'none') return 'tieout: nothing to do yet.';
    return `tieout: ${session.lastError ?? session.status}`;
  }

  // ------------------------------------------------------------------ helpers

  private openSession(ticket: string): SessionRow | undefined {
    const session = this.store.session(ticket);
    return session?.status === 'open' ? session : undefined;
  }

  private savePlan(ticket: string, plan: SessionPlan) {
    this.store.updateSession(ticket, { plan: JSON.stringify(plan) });
  }

  private fail(session: SessionRow, error: string, status: 'failed' | 'refused' = 'failed'): -1 {
    this.store.dropStaged(session.ticket);
    this.store.updateSession(session.ticket, { status, lastError: error, endedAt: this.nowIso() });
    this.o.log?.warn(
      { company: session.companyId, ticket: session.ticket, error },
      'Web Connector session failed',
    );
    return -1;
  }

  /**
   * Reads Host, Company (and Preferences) from the strHCPResponse or our own identity request: records the
   * edition, country and qbXML versions, refuses a different company file, and plans the read.
   */
  private identify(session: SessionRow, xml: string, clientVersion: string): boolean {
    let responses: QbResponse[];
    try {
      responses = parseResponses(xml);
    } catch (e) {
      if (!(e instanceof QbXmlError)) throw e;
      this.fail(session, `the Host/Company response could not be read: ${e.message}`);
      return false;
    }
    const host = responses.find((r) => r.name === 'HostQueryRs')?.rets[0]?.node;
    const company = responses.find((r) => r.name === 'CompanyQueryRs')?.rets[0]?.node;
    const supported = host ? texts(host, 'SupportedQBXMLVersion') : [clientVersion];
    const version = pickVersion(supported.length ? supported : [clientVersion]);
    const companyName = text(company, 'CompanyName') ?? null;
    this.store.updateSession(session.ticket, {
      product: text(host, 'ProductName') ?? null,
      country: text(host, 'Country') ?? session.country,
      supportedVersions: supported.join(','),
      qbxmlVersion: version ?? null,
      companyName,
    });
    const registered = this.store.company(session.companyId)!;
    const fileId = children(company, 'DataExtRet').find(
      (d) => text(d, 'OwnerID') === registered.ownerId && text(d, 'DataExtName') === 'FileID',
    );
    const fileIdValue = text(fileId, 'DataExtValue');
    if (fileIdValue && fileIdValue.toUpperCase() !== registered.fileId.toUpperCase()) {
      this.fail(
        session,
        `This is a different company file (FileID ${fileIdValue}, "${companyName ?? '?'}"); tieout's company ${session.companyId} reads the file with FileID ${registered.fileId}. Open that company file, or write a new .qwc for this one.`,
        'refused',
      );
      return false;
    }
    if (registered.companyName && companyName && registered.companyName !== companyName) {
      this.fail(
        session,
        `This is a different company file ("${companyName}"); tieout's company ${session.companyId} reads "${registered.companyName}". Open that company file in QuickBooks, or write a new .qwc for this one.`,
        'refused',
      );
      return false;
    }
    if (!version) {
      this.fail(
        session,
        `This QuickBooks supports qbXML ${supported.join(', ') || '(none listed)'}; tieout needs qbXML ${SUPPORTED_QBXML.join(' or ')} (QuickBooks Desktop 2014 or later).`,
        'refused',
      );
      return false;
    }
    if (!company) {
      // Neither the HCP response nor our identity request told us which file this is: refuse rather than mix.
      this.fail(
        session,
        'QuickBooks did not say which company file is open; the session was refused.',
        'refused',
      );
      return false;
    }
    const read = newPlan(
      this.store.state(session.companyId),
      this.o.now(),
      this.planOptions(session.companyId),
    );
    this.savePlan(session.ticket, { read });
    return true;
  }
}

function planOf(session: SessionRow): SessionPlan {
  return session.plan ? (JSON.parse(session.plan) as SessionPlan) : {};
}

/** The highest qbXML version both QuickBooks and tieout support. */
export function pickVersion(supported: string[]): string | undefined {
  return SUPPORTED_QBXML.find((v) => supported.includes(v));
}
