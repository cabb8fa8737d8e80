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

export type Report = (name: string, value: number, unit: string, baseline: Baseline, goal?: Goal) => void;

/** A goal on the ratio of value to baseline: at most (or at least) this many times. */
export function ratioGoal(value: number, baseline: Baseline, bound: { atMost: number } | { atLeast: number }): Goal {
  const ratio = value / baseline.value;
  return 'atMost' in bound ? { text: `≤ ${bound.atMost}×`, met: ratio <= bound.atMost } : { text: `≥ ${bound.atLeast}×`, met: ratio >= bound.atLeast };
}

function fmt(v: number): string {
  return Math.abs(v) >= 100 ? v.toFixed(0) : Math.abs(v) >= 10 ? v.toFixed(1) : v.toFixed(2);
}

export const printReport: Report = (name, value, unit, baseline, goal) => {
  const ratio = baseline.value > 0 ? value / baseline.value : NaN;
  const aim = goal ? ` [goal ${goal.text}: ${goal.met ? 'met' : 'NOT MET'}]` : '';
  process.stdout.write(`${name}: ${fmt(value)} ${unit} (${fmt(ratio)}× vs ${baseline.name} ${fmt(baseline.value)} ${unit})${aim}\n`);
};
