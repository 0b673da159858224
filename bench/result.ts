/** One benchmark number, and how a goal written as text (`>= 500000`, `≤ 2.0`, `0`) is judged. */
export interface BenchResult {
  name: string;
  value: number;
  unit: string;
  goal?: string;
  note?: string;
}

export interface Goal {
  op: '<=' | '>=' | '<' | '>' | '=';
  target: number;
}

const OPS: Record<string, Goal['op']> = {
  '<=': '<=',
  '≤': '<=',
  '>=': '>=',
  '≥': '>=',
  '<': '<',
  '>': '>',
  '=': '=',
  '==': '=',
  '': '=',
};

/** `>= 500000`, `≤ 3000`, `<= 2.0`, `0` (exactly); thousands separators allowed. Undefined if unreadable. */
export function parseGoal(text: string | undefined): Goal | undefined {
  if (!text) return undefined;
  const m = /^\s*(<=|>=|==|≤|≥|<|>|=)?\s*(-?[\d_,]*\.?\d+)\s*$/.exec(text);
  if (!m) return undefined;
  const op = OPS[m[1] ?? ''];
  const target = Number(m[2]!.replace(/[_,]/g, ''));
  if (!op || !Number.isFinite(target)) return undefined;
  return { op, target };
}

export type GoalVerdict = 'met' | 'missed' | '';

/** 'met' or 'missed' against the goal; '' when there is no goal (or it cannot be read). */
export function judge(result: Pick<BenchResult, 'value' | 'goal'>): GoalVerdict {
  const goal = parseGoal(result.goal);
  if (!goal || !Number.isFinite(result.value)) return '';
  const v = result.value;
  const ok =
    goal.op === '<='
      ? v <= goal.target
      : goal.op === '>='
        ? v >= goal.target
        : goal.op === '<'
          ? v < goal.target
          : goal.op === '>'
            ? v > goal.target
            : v === goal.target;
  return ok ? 'met' : 'missed';
}

export interface BenchMachine {
  cores: number;
  memory: string;
  node: string;
  load: string;
}

/** The results file, bench/results/latest.json (full run) or quick.json. */
export interface BenchReport {
  machine: BenchMachine;
  mode: 'full' | 'quick';
  takenAt: string;
  seconds?: number;
  /** `previous`: the value the committed record held before this run (absent for a new measure). */
  results: (BenchResult & { met?: GoalVerdict; previous?: number })[];
}
