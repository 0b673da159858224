/**
 * The same text metrics as pdfkit for its standard (AFM) fonts, computed faster. pdfkit looks up a kerning
 * pair by building a `left\0right` string and probing an object of ~2,700 keys, for every character of every
 * string it measures or draws, and it measures each drawn string twice. On a 500-job surety PDF that was the
 * largest single cost. Here, per font of one document: kerning pairs in a map of maps keyed by glyph name (no
 * string building), and each string's width kept once computed. Every number is the one pdfkit computes
 * (test/reports/pdf-fonts.test.ts checks widths and encodings against pdfkit's own), so the PDF is unchanged
 * byte for byte. Fonts other than the standard ones are left alone.
 */
import type { Pdf } from './pdf-page.ts';

type Glyph = string;

/** The parts of pdfkit's AFMFont this relies on (pdfkit 0.20: js/pdfkit.node.mjs, class AFMFont). */
interface AfmFont {
  kernPairs: Record<string, number>;
  glyphWidths: Record<string, number>;
  getKernPair(left: Glyph, right: Glyph): number;
  widthOfGlyph(glyph: Glyph): number;
}

/** What StandardFont.encode returns: hex codes, and per glyph its advance (with kerning) and width. */
type Encoded = [string[], { xAdvance: number; advanceWidth: number }[]];

/** The parts of pdfkit's StandardFont this relies on. */
interface StandardFont {
  font?: AfmFont;
  widthOfString(text: string, size: number, features?: unknown): number;
  encode(text: string, features?: unknown): Encoded;
}

const FAST = Symbol('tieout.fastMetrics');

/** Kerning pairs of one font as left glyph → right glyph → amount (only non-zero amounts, as pdfkit keeps). */
export function kerningTable(pairs: Record<string, number>): Map<Glyph, Map<Glyph, number>> {
  const table = new Map<Glyph, Map<Glyph, number>>();
  for (const [key, amount] of Object.entries(pairs)) {
    const cut = key.indexOf('\0');
    const left = key.slice(0, cut);
    let rights = table.get(left);
    if (!rights) {
      rights = new Map();
      table.set(left, rights);
    }
    rights.set(key.slice(cut + 1), amount);
  }
  return table;
}

function speedUp(font: StandardFont): void {
  const afm = font.font;
  if ((font as { [FAST]?: true })[FAST] || !afm || typeof afm.getKernPair !== 'function' || !afm.kernPairs)
    return;
  (font as { [FAST]?: true })[FAST] = true;
  const kerning = kerningTable(afm.kernPairs);
  // Same values as pdfkit's `this.kernPairs[left + '\0' + right] || 0` and `this.glyphWidths[glyph] || 0`.
  afm.getKernPair = (left, right) => kerning.get(left)?.get(right) || 0;
  const glyphWidths = new Map(Object.entries(afm.glyphWidths));
  afm.widthOfGlyph = (glyph) => glyphWidths.get(glyph) || 0;

  // pdfkit measures a string, then encodes it, to draw it: one pass serves both. The width is the sum of the
  // encoded advances in order, as pdfkit sums them; the encoding is handed to the encode call that follows.
  const encode = font.encode.bind(font);
  let pending: { text: string; encoded: Encoded } | null = null;
  font.encode = (text, features) => {
    const key = `${text}`;
    if (pending?.text === key) {
      const { encoded } = pending;
      pending = null;
      return encoded;
    }
    return encode(key, features);
  };
  const widths = new Map<string, number>();
  // pdfkit computes (sum of advances) * (size / 1000); the sum is kept, the product done the same way.
  font.widthOfString = (text, size, features) => {
    const key = `${text}`;
    let units = widths.get(key);
    if (units === undefined) {
      const encoded = encode(key, features);
      units = 0;
      for (const position of encoded[1]) units += position.xAdvance;
      widths.set(key, units);
      pending = { text: key, encoded };
    }
    return units * (size / 1000);
  };
}

/** Installs the faster metrics on every standard font the document selects from now on. */
export function useFastMetrics(doc: Pdf): Pdf {
  const select = doc.font;
  const internals = doc as unknown as { _font?: StandardFont };
  doc.font = function (this: Pdf, ...args: Parameters<Pdf['font']>) {
    const out = select.apply(this, args);
    if (internals._font) speedUp(internals._font);
    return out;
  } as Pdf['font'];
  return doc;
}
