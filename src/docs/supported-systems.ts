/**
 * The README's table of supported ERPs and its export-profile reference, generated from the built-in profiles
 * (connectors/files/profiles/) so what the README promises is what the profiles read (test/docs checks it).
 * `npx tsx src/docs/supported-systems.ts` prints it.
 */
import { pathToFileURL } from 'node:url';
import type { CanonicalTableName } from '../../connectors/canonical/tables.ts';
import { builtinProfileNames, loadProfile } from '../../connectors/files/profile/load.ts';
import type { Profile } from '../../connectors/files/profile/schema.ts';
import { QBD_TABLES } from '../../connectors/qbd/map/index.ts';
import { SAGE300_EMPTY_COLUMNS, SAGE300_TABLES } from '../../connectors/sage300cre/connector.ts';
import { VISTA_EMPTY_COLUMNS, VISTA_TABLES } from '../../connectors/vista/connector.ts';

/** ERP-side data each check needs: a table, or a table's column. */
const CHECK_NEEDS: [string, string[]][] = [
  ['budget.mismatch', ['budget_lines.revised_budget']],
  ['changeorder.missing, changeorder.mismatch', ['change_orders']],
  ['changeorder.budget_not_updated', ['change_orders', 'budget_lines.approved_changes']],
  ['commitment.missing, commitment.mismatch', ['commitments']],
  ['invoice.missing, invoice.mismatch, invoice.duplicate', ['payables']],
  [
    'retainage.mismatch',
    ['payables.retainage_held', 'payables.retainage_released', 'payables.commitment_id'],
  ],
  ['jobcost.mismatch', ['cost_transactions']],
  ['costcode.unmapped', ['cost_codes']],
];

function filled(profile: Profile): Map<CanonicalTableName, Set<string>> {
  const out = new Map<CanonicalTableName, Set<string>>();
  for (const e of profile.exports)
    for (const t of e.tables) {
      const cols = out.get(t.table) ?? new Set<string>();
      for (const c of Object.keys(t.columns)) cols.add(c);
      out.set(t.table, cols);
    }
  return out;
}

function unsupported(profile: Profile): string {
  const have = filled(profile);
  const gaps: string[] = [];
  for (const [checks, needs] of CHECK_NEEDS) {
    const missing = needs.filter((n) => {
      const [table, column] = n.split('.') as [CanonicalTableName, string | undefined];
      return !have.has(table) || (column !== undefined && !have.get(table)!.has(column));
    });
    if (missing.length) gaps.push(`${checks} (no ${missing.join(', ')})`);
  }
  return gaps.length ? gaps.join('; ') : 'none';
}

/** Checks a native connector cannot support for lack of tables or of the columns it leaves empty. */
function tableGaps(tables: readonly CanonicalTableName[], emptyColumns: readonly string[] = []): string {
  const gaps: string[] = [];
  for (const [checks, needs] of CHECK_NEEDS) {
    const missing = [...new Set(needs.map((n) => (emptyColumns.includes(n) ? n : n.split('.')[0]!)))].filter(
      (t) => emptyColumns.includes(t) || !tables.includes(t as CanonicalTableName),
    );
    if (missing.length) gaps.push(`${checks} (no ${missing.join(', ')})`);
  }
  return gaps.length ? gaps.join('; ') : 'none';
}

export function supportedSystemsMarkdown(): string {
  const lines = [
    '| system | way in | canonical tables it fills | checks it cannot support, and why |',
    '| --- | --- | --- | --- |',
    '| Procore | native (`procore`) | the PM side | — |',
    '| Sage 100 Contractor | native SQL (`sage100c`), or its report exports | every ERP table | none |',
    `| QuickBooks Desktop | native, through the Web Connector (\`qbd\`) | ${QBD_TABLES.join(', ')} | ${tableGaps(QBD_TABLES)} |`,
    `| Viewpoint Vista | native SQL (\`vista\`), or the export profile below | ${VISTA_TABLES.join(', ')} | ${tableGaps(VISTA_TABLES, VISTA_EMPTY_COLUMNS)} |`,
    `| Sage 300 Construction and Real Estate | native ODBC (\`sage300cre\`), or the export profile below | ${SAGE300_TABLES.join(', ')} | ${tableGaps(SAGE300_TABLES, SAGE300_EMPTY_COLUMNS)} |`,
  ];
  const profiles = builtinProfileNames().map((n) => loadProfile(n));
  for (const p of profiles) {
    lines.push(
      `| ${p.system} | export profile \`${p.name}\` | ${[...filled(p).keys()].join(', ')} | ${unsupported(p)} |`,
    );
  }
  lines.push('');
  for (const p of profiles) {
    lines.push(
      `#### \`${p.name}\`: ${p.system}`,
      '',
      p.description,
      '',
      '| export | files |',
      '| --- | --- |',
    );
    for (const e of p.exports)
      lines.push(`| ${e.report}${e.required ? ' (required)' : ''} | \`${e.files.join('`, `')}\` |`);
    lines.push('', 'Read both ways where the documentation is unsure:', '');
    for (const u of p.uncertain) lines.push(`- ${u}`);
    lines.push('');
  }
  return lines.join('\n').trim();
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  process.stdout.write(`${supportedSystemsMarkdown()}\n`);
}
