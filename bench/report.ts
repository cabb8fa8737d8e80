// One line per figure: `name: value unit (ratio× vs baseline name baseline value)`.
export interface Baseline {
  name: string;
  value: number;
}

/** What the figure must reach (issue 12's table), and whether this run reached it. */
export interface Goal {
  text: string;
  met: boolean;
}

/** A goal on the ratio of value to baseline alone: at most (or at least) this many times. */
export type RatioBound = { atMost: number } | { atLeast: number };

export type Report = (name: string, value: number, unit: string, baseline: Baseline, goal?: Goal | RatioBound) => void;

/** The goal a report was given, judged for this value (a ratio bound is judged here; a Goal was judged by its bench). */
export function judgeGoal(value: number, baseline: Baseline, goal: Goal | RatioBound): Goal {
  if ('text' in goal) return goal;
  const ratio = value / baseline.value;
  return 'atMost' in goal ? { text: `≤ ${goal.atMost}×`, met: ratio <= goal.atMost } : { text: `≥ ${goal.atLeast}×`, met: ratio >= goal.atLeast };
}

function fmt(v: number): string {
  return Math.abs(v) >= 100 ? v.toFixed(0) : Math.abs(v) >= 10 ? v.toFixed(1) : v.toFixed(2);
}

export const printReport: Report = (name, value, unit, baseline, goal) => {
  const ratio = baseline.value > 0 ? value / baseline.value : NaN;
  const judged = goal ? judgeGoal(value, baseline, goal) : null;
  const aim = judged ? ` [goal ${judged.text}: ${judged.met ? 'met' : 'NOT MET'}]` : '';
  process.stdout.write(`${name}: ${fmt(value)} ${unit} (${fmt(ratio)}× vs ${baseline.name} ${fmt(baseline.value)} ${unit})${aim}\n`);
};
