// `npm run technician-pin -- 12345678` prints the maintenance.pinHash value for the config file.
import { hashPin, pinProblem } from './pin';

const pin = process.argv[2] ?? '';
const problem = pinProblem(pin);
if (problem) {
  process.stderr.write(`${problem}\nusage: npm run technician-pin -- <6–12 digit PIN>\n`);
  process.exit(2);
}
process.stdout.write(`${hashPin(pin)}\n`);
