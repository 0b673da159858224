/** Canonical rows as the generator writes them: column name → string value or null (empty cell). */
import type { CanonicalTableName } from '../../connectors/canonical/tables.ts';

export type Row = Record<string, string | null>;
/** One side's rows of one job (or of the company), per canonical table. */
export type SideRows = Partial<Record<CanonicalTableName, Row[]>>;
