// `npm run technician-pin -- 12345678` prints the maintenance.pinHash value for the config file.
import { hashPin, pinProblem } from './pin';

const pin = process.argv[2] ?? '';
const problem = pinProblem(pin);
if (problem) {
  // the installer's console: the one place this code is worded
  const { minDigits: min, maxDigits: max } = problem;
  process.stderr.write(`PIN 应为 ${min}–${max} 位数字 / the PIN must be ${min}–${max} digits\nusage: npm run technician-pin -- <${min}–${max} digit PIN>\n`);
  process.exit(2);
}
process.stdout.write(`${hashPin(pin)}\n`);
