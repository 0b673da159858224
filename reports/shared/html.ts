/**
 * Report tables as an HTML fragment for the web pages: one <table> per report table with a caption, numbers
 * right-aligned and formatted for people (negatives in parentheses), highlighted rows marked with a class,
 * totals in a <tfoot>. Every value is escaped by hono's html helper; pages add their own styles.
 */
import { html, raw } from 'hono/html';
import { displayCell } from './format.ts';
import type { ReportTable } from './table.ts';

function cells(table: ReportTable, row: (string | null)[], tag: 'td' | 'th') {
  return row.map((v, i) => {
    const kind = table.columns[i]!.kind;
    const numeric = kind !== 'text' && kind !== 'date';
    const cls = numeric ? ` class="num${v?.startsWith('-') ? ' neg' : ''}"` : '';
    // the class attribute is built from constants only; the cell text goes through the escaping template
    return html`<${raw(tag)}${raw(cls)}>${displayCell(kind, v)}</${raw(tag)}>`;
  });
}

export async function tableHtml(table: ReportTable): Promise<string> {
  const highlight = new Set(table.highlight ?? []);
  const body = table.rows.map(
    (r, i) => html`<tr${raw(highlight.has(i) ? ' class="flag"' : '')}>${cells(table, r, 'td')}</tr>`,
  );
  const foot = table.totals ? html`<tfoot><tr>${cells(table, table.totals, 'th')}</tr></tfoot>` : '';
  const notes = (table.notes ?? []).map((n) => html`<li>${n}</li>`);
  const out =
    await html`<section class="report-table"><table><caption>${table.title}</caption><thead><tr>${table.columns.map(
      (c) => html`<th scope="col">${c.label}</th>`,
    )}</tr></thead><tbody>${body}</tbody>${foot}</table>${notes.length ? html`<ul class="notes">${notes}</ul>` : ''}</section>`;
  return out.toString();
}
