/** The DDL of a snapshot file: the canonical tables plus the provenance and mapping tables of layout.sql. */
import { readFileSync } from 'node:fs';
import { canonicalDdl } from '../../connectors/canonical/ddl.ts';

const LAYOUT_SQL = readFileSync(new URL('./layout.sql', import.meta.url), 'utf8');

export function snapshotDdl(): string {
  return `${canonicalDdl()}\n\n${LAYOUT_SQL}`;
}
