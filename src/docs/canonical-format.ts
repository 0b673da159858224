/**
 * The README's reference of the canonical CSV format, generated from connectors/canonical/tables.ts so the
 * public contract and the code cannot disagree (test/docs checks the README holds exactly this text).
 * `npx tsx src/docs/canonical-format.ts` prints it.
 */
import { pathToFileURL } from 'node:url';
import { type ColumnSpec, TABLE_NAMES, TABLES } from '../../connectors/canonical/tables.ts';

function kindText(c: ColumnSpec): string {
  switch (c.kind.type) {
    case 'id':
      return 'id (text)';
    case 'code':
      return 'code (text)';
    case 'text':
      return 'text';
    case 'money':
      return 'money: `-1234.50`';
    case 'percent':
      return 'percent points: `10` = 10 %';
    case 'date':
      return 'date: `YYYY-MM-DD`';
    case 'enum':
      return c.kind.values.map((v) => `\`${v}\``).join(' / ');
  }
}

export function canonicalFormatMarkdown(): string {
  const parts: string[] = [];
  for (const name of TABLE_NAMES) {
    const t = TABLES[name];
    parts.push(`#### \`${name}.csv\`\n\n${t.description}\n`);
    parts.push('| column | required | type | meaning |\n| --- | --- | --- | --- |');
    for (const c of t.columns) {
      parts.push(`| \`${c.name}\` | ${c.required ? 'yes' : ''} | ${kindText(c)} | ${c.description} |`);
    }
    parts.push('');
  }
  return parts.join('\n').trimEnd();
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  process.stdout.write(`${canonicalFormatMarkdown()}\n`);
}
