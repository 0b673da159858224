/**
 * The sandbox company's EstimateModRq, as QuickBooks applies a Mod: the request must quote the estimate's
 * current EditSequence (otherwise status 3200, nothing changed); when it carries lines, the lines it does not
 * quote by TxnLineID are deleted, a quoted line keeps what the request does not name and takes what it does,
 * and a line with TxnLineID -1 is added with a new TxnLineID. Header elements named replace the stored ones.
 * Totals are computed again, and the estimate gets a new EditSequence and TimeModified.
 */
import { type QbNode, text } from '../qbxml/xml.ts';
import type { QbCompany } from './company.ts';
import { BadReference, sumLines, toRet, type WithStatus } from './writes.ts';

const MODS: Record<string, { ret: string; line: string }> = {
  EstimateModRq: { ret: 'EstimateRet', line: 'EstimateLine' },
};

export const isModRequest = (name: string) => Object.hasOwn(MODS, name);

const asList = (v: unknown) => (v === undefined ? [] : Array.isArray(v) ? v : [v]) as QbNode[];

export function answerMod(company: QbCompany, name: string, rq: QbNode, withStatus: WithStatus): QbNode {
  const spec = MODS[name]!;
  const mod = (asList(rq[name.replace(/Rq$/, '')])[0] ?? {}) as QbNode;
  const txnId = text(mod, 'TxnID') ?? '';
  const record = company.get('txn', txnId);
  if (!record || record.ret !== spec.ret)
    return withStatus({
      code: 3120,
      severity: 'Error',
      message: `Object "${txnId}" specified in the request cannot be found.`,
    });
  const sequence = text(mod, 'EditSequence') ?? '';
  if (sequence !== String(record.node.EditSequence))
    return withStatus({
      code: 3200,
      severity: 'Error',
      message: `The provided edit sequence "${sequence}" is out-of-date.`,
    });
  const retKey = `${spec.line}Ret`;
  const quoted = asList(mod[`${spec.line}Mod`]);
  let header: QbNode;
  let lines: QbNode[] | undefined;
  try {
    const { TxnID: _id, EditSequence: _seq, [`${spec.line}Mod`]: _lines, ...rest } = mod;
    header = toRet(company, rest);
    if (quoted.length > 0) {
      const existing = new Map(asList(record.node[retKey]).map((l) => [String(l.TxnLineID), l]));
      lines = [];
      for (const q of quoted) {
        const lineId = text(q, 'TxnLineID') ?? '';
        const { TxnLineID: _lineId, ...fields } = q;
        if (lineId === '-1') {
          lines.push({ TxnLineID: company.newLineId(), ...toRet(company, fields) });
          continue;
        }
        const line = existing.get(lineId);
        if (!line)
          return withStatus({
            code: 3120,
            severity: 'Error',
            message: `Object "${lineId}" specified in the request cannot be found.`,
          });
        lines.push({ ...line, ...toRet(company, fields) });
      }
    }
  } catch (e) {
    if (e instanceof BadReference) return withStatus({ code: 3140, severity: 'Error', message: e.message });
    throw e;
  }
  company.touch(record, (node) => {
    Object.assign(node, header);
    if (lines) node[retKey] = lines;
    const subtotal = sumLines(node, [retKey]);
    if ('Subtotal' in node) node.Subtotal = subtotal.toFixed(2);
    if ('TotalAmount' in node) node.TotalAmount = subtotal.plus(String(node.SalesTaxTotal ?? '0')).toFixed(2);
  });
  return withStatus({ code: 0, severity: 'Info', message: 'Status OK' }, { [spec.ret]: record.node });
}
