// One line per figure: `name: value unit (ratio× vs baseline name baseline value)`.
export interface Baseline {
  name: string;
  value: number;
}

/** The goal a figure's ratio is held to (issue 12's table): at most or at least this many times its baseline. */
export type Goal = { atMost: number } | { atLeast: number };

export type Report = (name: string, value: number, unit: string, baseline: Baseline, goal?: Goal) => void;

/** Whether a ratio meets its goal. */
export function meetsGoal(ratio: number, goal: Goal): boolean {
  return 'atMost' in goal ? ratio <= goal.atMost : ratio >= goal.atLeast;
}

const goalText = (g: Goal) => ('atMost' in g ? `≤ ${g.atMost}×` : `≥ ${g.atLeast}×`);

function fmt(v: number): string {
  return Math.abs(v) >= 100 ? v.toFixed(0) : Math.abs(v) >= 10 ? v.toFixed(1) : v.toFixed(2);
}

export const printReport: Report = (name, value, unit, baseline, goal) => {
  const ratio = baseline.value > 0 ? value / baseline.value : NaN;
  const judged = goal ? ` [goal ${goalText(goal)}: ${meetsGoal(ratio, goal) ? 'met' : 'NOT met'}]` : '';
  process.stdout.write(`${name}: ${fmt(value)} ${unit} (${fmt(ratio)}× vs ${baseline.name} ${fmt(baseline.value)} ${unit})${judged}\n`);
};
