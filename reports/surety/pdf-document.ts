/**
 * A landscape letter report document as every tieout PDF starts: buffered pages (footers need the page
 * count), the fast text metrics and page-content writer, and the finished file collected as one Buffer.
 */
import PDFDocument from 'pdfkit';
import { bufferContent } from './pdf-content.ts';
import { useFastMetrics } from './pdf-fonts.ts';
import { PAGE, type Pdf } from './pdf-page.ts';

export interface ReportPdfInfo {
  title: string;
  author?: string;
  /** Fixes the file's creation date (a report dated as of a day is then the same file every time). */
  creationDate?: Date;
}

export function openReportPdf(info: ReportPdfInfo): { doc: Pdf; done: Promise<Buffer> } {
  const doc = useFastMetrics(
    bufferContent(
      new PDFDocument({
        size: 'LETTER',
        layout: 'landscape',
        margin: PAGE.margin,
        bufferPages: true,
        autoFirstPage: false,
        info: {
          Title: info.title,
          ...(info.author === undefined ? {} : { Author: info.author }),
          Producer: 'tieout',
          Creator: 'tieout',
          ...(info.creationDate === undefined ? {} : { CreationDate: info.creationDate }),
        },
      }),
    ),
  );
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  return { doc, done };
}
