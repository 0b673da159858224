/**
 * A small spreadsheet formula evaluator for tests: recomputes a worksheet's formulas from its input cells,
 * independently of the code that wrote them, in exact decimals. It knows what tieout's workbooks use: numbers,
 * "" strings, cell references and ranges on the same sheet, + − × ÷, unary minus, comparisons (= <> < <= > >=),
 * and IF (lazy), AND, MIN, MAX, N, SUM, as Excel defines them (a blank cell is 0 in arithmetic; SUM, MIN and MAX
 * over a range skip text; N of text is 0). Anything else throws, so an unknown formula cannot pass silently.
 */
import { Decimal } from 'decimal.js';

export type Value = Decimal | string | boolean;
type Ast =
  | { t: 'num'; v: Decimal }
  | { t: 'str'; v: string }
  | { t: 'ref'; cell: string }
  | { t: 'range'; from: string; to: string }
  | { t: 'neg'; e: Ast }
  | { t: 'bin'; op: string; l: Ast; r: Ast }
  | { t: 'call'; name: string; args: Ast[] };

const TOKEN = /\s*(\d+(?:\.\d+)?|"[^"]*"|[A-Z]+\d+(?::[A-Z]+\d+)?|[A-Z]+(?=\()|<=|>=|<>|[-+*/(),=<>])/y;

function tokenize(src: string): string[] {
  const out: string[] = [];
  TOKEN.lastIndex = 0;
  while (TOKEN.lastIndex < src.length) {
    const m = TOKEN.exec(src);
    if (!m) throw new Error(`cannot read formula ${src} at ${TOKEN.lastIndex}`);
    out.push(m[1]!);
  }
  return out;
}

export function parse(src: string): Ast {
  const toks = tokenize(src);
  let i = 0;
  const peek = () => toks[i];
  const take = (want?: string) => {
    const t = toks[i++];
    if (t === undefined || (want !== undefined && t !== want)) throw new Error(`expected ${want} in ${src}`);
    return t;
  };
  const comparison = (): Ast => {
    let l = additive();
    while (['=', '<>', '<', '<=', '>', '>='].includes(peek() ?? ''))
      l = { t: 'bin', op: take(), l, r: additive() };
    return l;
  };
  const additive = (): Ast => {
    let l = term();
    while (peek() === '+' || peek() === '-') l = { t: 'bin', op: take(), l, r: term() };
    return l;
  };
  const term = (): Ast => {
    let l = unary();
    while (peek() === '*' || peek() === '/') l = { t: 'bin', op: take(), l, r: unary() };
    return l;
  };
  const unary = (): Ast => {
    if (peek() !== '-') return primary();
    take('-');
    return { t: 'neg', e: unary() };
  };
  const primary = (): Ast => {
    const t = take();
    if (t === '(') {
      const e = comparison();
      take(')');
      return e;
    }
    if (/^\d/.test(t)) return { t: 'num', v: new Decimal(t) };
    if (t.startsWith('"')) return { t: 'str', v: t.slice(1, -1) };
    if (/^[A-Z]+\d+:[A-Z]+\d+$/.test(t)) {
      const [from, to] = t.split(':') as [string, string];
      return { t: 'range', from, to };
    }
    if (/^[A-Z]+\d+$/.test(t)) return { t: 'ref', cell: t };
    if (/^[A-Z]+$/.test(t) && peek() === '(') {
      take('(');
      const args: Ast[] = [];
      if (peek() !== ')') {
        args.push(comparison());
        while (peek() === ',') {
          take(',');
          args.push(comparison());
        }
      }
      take(')');
      return { t: 'call', name: t, args };
    }
    throw new Error(`unexpected ${t} in ${src}`);
  };
  const ast = comparison();
  if (i !== toks.length) throw new Error(`trailing tokens in ${src}`);
  return ast;
}

const colNum = (letters: string) => [...letters].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0);
const colLetters = (n: number): string =>
  n <= 0 ? '' : colLetters(Math.floor((n - 1) / 26)) + String.fromCharCode(65 + ((n - 1) % 26));
const split = (cell: string) => {
  const m = /^([A-Z]+)(\d+)$/.exec(cell)!;
  return { col: colNum(m[1]!), row: Number(m[2]) };
};

/** Looks a cell up: its input value, or its formula evaluated (recursively). Blank = null. */
export type Lookup = (cell: string) => Value | null;

const asNumber = (v: Value | null): Decimal => {
  if (v === null || v === '') return new Decimal(0);
  if (typeof v === 'boolean') return new Decimal(v ? 1 : 0);
  if (typeof v === 'string') throw new Error(`#VALUE!: text "${v}" in arithmetic`);
  return v;
};

export function evaluate(ast: Ast, lookup: Lookup): Value {
  const ev = (a: Ast) => evaluate(a, lookup);
  const rangeValues = (a: Ast): (Value | null)[] => {
    if (a.t !== 'range') return [ev(a)];
    const f = split(a.from);
    const t = split(a.to);
    const out: (Value | null)[] = [];
    for (let r = f.row; r <= t.row; r++)
      for (let c = f.col; c <= t.col; c++) out.push(lookup(`${colLetters(c)}${r}`));
    return out;
  };
  const numbersIn = (args: Ast[]) =>
    args.flatMap((a) => rangeValues(a)).filter((v): v is Decimal => v instanceof Decimal);
  switch (ast.t) {
    case 'num':
    case 'str':
      return ast.v;
    case 'ref':
      return lookup(ast.cell) ?? new Decimal(0);
    case 'range':
      throw new Error('a range outside a function');
    case 'neg':
      return asNumber(ev(ast.e)).neg();
    case 'bin': {
      const l = ev(ast.l);
      const r = ev(ast.r);
      if (['+', '-', '*', '/'].includes(ast.op)) {
        const a = asNumber(l);
        const b = asNumber(r);
        if (ast.op === '/' && b.isZero()) throw new Error('#DIV/0!');
        return ast.op === '+'
          ? a.plus(b)
          : ast.op === '-'
            ? a.minus(b)
            : ast.op === '*'
              ? a.times(b)
              : a.div(b);
      }
      const cmp = asNumber(l).comparedTo(asNumber(r));
      return { '=': cmp === 0, '<>': cmp !== 0, '<': cmp < 0, '<=': cmp <= 0, '>': cmp > 0, '>=': cmp >= 0 }[
        ast.op
      ]!;
    }
    case 'call': {
      const a = ast.args;
      switch (ast.name) {
        case 'IF': {
          const c = ev(a[0]!);
          const truthy = typeof c === 'boolean' ? c : !asNumber(c).isZero();
          return truthy ? ev(a[1]!) : a[2] ? ev(a[2]) : false;
        }
        case 'AND':
          return a.every((x) => {
            const v = ev(x);
            return typeof v === 'boolean' ? v : !asNumber(v).isZero();
          });
        case 'N': {
          const v = ev(a[0]!);
          return v instanceof Decimal ? v : typeof v === 'boolean' ? new Decimal(v ? 1 : 0) : new Decimal(0);
        }
        case 'SUM':
          return numbersIn(a).reduce((s, v) => s.plus(v), new Decimal(0));
        case 'MIN':
        case 'MAX': {
          const vs = numbersIn(a);
          if (vs.length === 0) return new Decimal(0);
          return ast.name === 'MIN' ? Decimal.min(...vs) : Decimal.max(...vs);
        }
        default:
          throw new Error(`function ${ast.name} is not known to the test evaluator`);
      }
    }
  }
}
