/**
 * The README's table of error kinds, HTTP statuses and CLI exit codes, generated from connectors/errors.ts so
 * the documentation cannot drift from the one table the API and the CLI read (test/docs checks it).
 * `npx tsx src/docs/error-kinds.ts` prints it.
 */
import { pathToFileURL } from 'node:url';
import { ERROR_KINDS } from '../../connectors/errors.ts';

export function errorKindsMarkdown(): string {
  const lines = ['| kind | HTTP status | exit code | meaning |', '| --- | --- | --- | --- |'];
  for (const [kind, v] of Object.entries(ERROR_KINDS)) {
    lines.push(`| \`${kind}\` | ${v.http} | ${v.exit} | ${v.meaning} |`);
  }
  return lines.join('\n');
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  process.stdout.write(`${errorKindsMarkdown()}\n`);
}
