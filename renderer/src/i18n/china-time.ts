/** "2026-11-22T05:05:00Z" → "2026-11-22 13:05": China time, whatever zone the machine is set to. */
export { chinaDateTime as chinaTime } from '../../../common/china-time';
