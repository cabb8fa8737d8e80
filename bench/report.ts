// One line per figure: `name: value unit (ratio× vs baseline name baseline value)`.
export interface Baseline {
  name: string;
  value: number;
}

export type Report = (name: string, value: number, unit: string, baseline: Baseline) => void;

function fmt(v: number): string {
  return Math.abs(v) >= 100 ? v.toFixed(0) : Math.abs(v) >= 10 ? v.toFixed(1) : v.toFixed(2);
}

export const printReport: Report = (name, value, unit, baseline) => {
  const ratio = baseline.value > 0 ? value / baseline.value : NaN;
  process.stdout.write(`${name}: ${fmt(value)} ${unit} (${fmt(ratio)}× vs ${baseline.name} ${fmt(baseline.value)} ${unit})\n`);
};
