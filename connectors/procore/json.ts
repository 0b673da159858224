/**
 * JSON parsing that keeps Procore ids exact. Procore ids are 64-bit integers; JSON.parse turns any integer
 * above 2^53 into a nearby double. Integers of 16 or more digits outside strings are therefore quoted before
 * parsing, so they arrive as exact decimal strings (ids and amounts are strings inside tieout anyway).
 */
export function parseJsonExact(text: string): unknown {
  return JSON.parse(quoteLongIntegers(text));
}

function quoteLongIntegers(text: string): string {
  let out = '';
  let last = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    if (inString) {
      if (ch === 92 /* \ */) i++;
      else if (ch === 34 /* " */) inString = false;
      continue;
    }
    if (ch === 34) {
      inString = true;
      continue;
    }
    if ((ch >= 48 && ch <= 57) || ch === 45 /* - */) {
      let j = i;
      if (text.charCodeAt(j) === 45) j++;
      while (j < text.length && text.charCodeAt(j) >= 48 && text.charCodeAt(j) <= 57) j++;
      const isPlainInteger = !/[.eE]/.test(text[j] ?? '');
      const digits = j - i - (ch === 45 ? 1 : 0);
      if (isPlainInteger && digits >= 16) {
        out += `${text.slice(last, i)}"${text.slice(i, j)}"`;
        last = j;
      }
      // skip the rest of a number token (fraction/exponent) so its digits are not re-examined
      while (j < text.length && /[0-9.eE+-]/.test(text[j]!)) j++;
      i = j - 1;
    }
  }
  return last === 0 ? text : out + text.slice(last);
}
