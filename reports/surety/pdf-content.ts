/**
 * Page content written in one piece. pdfkit turns every drawing operator into its own byte array as it is
 * added (a table cell is about ten operators), then joins them all when the page is written; for a 500-job
 * schedule that is ~150,000 small arrays for the collector. Here the operators of a page are kept as text and
 * handed to the page in one write before pdfkit reads the page: on adding or switching pages and on ending the
 * document. The bytes are the same: pdfkit writes each operator followed by a newline, and so does the join.
 */
import type { Pdf } from './pdf-page.ts';

interface PageContent {
  write(chunk: string): void;
}

export function bufferContent(doc: Pdf): Pdf {
  const internals = doc as unknown as {
    page: PageContent;
    addContent(data: string): Pdf;
    flushPages(): void;
  };
  let page: PageContent | null = null;
  let ops: string[] = [];
  const flush = () => {
    // pdfkit adds the newline after each chunk; the last one comes from its own write.
    if (page && ops.length > 0) page.write(ops.join('\n'));
    page = null;
    ops = [];
  };
  internals.addContent = function (this: Pdf, data: string) {
    if (internals.page !== page) {
      flush();
      page = internals.page;
    }
    ops.push(`${data}`);
    return this;
  };
  const wrap = <K extends 'addPage' | 'switchToPage' | 'end'>(name: K) => {
    const original = doc[name] as (...args: unknown[]) => unknown;
    (doc as unknown as Record<K, unknown>)[name] = function (this: Pdf, ...args: unknown[]) {
      flush();
      return original.apply(this, args);
    };
  };
  wrap('addPage');
  wrap('switchToPage');
  wrap('end');
  const flushPages = internals.flushPages;
  internals.flushPages = function (this: Pdf) {
    flush();
    flushPages.call(this);
  };
  return doc;
}
