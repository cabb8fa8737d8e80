// Helpers enrolled in the embedded reference central (npm start, demos) so 帮办代办 can be tried
// with the simulator's helper cards (devices/id-card/sample-cards.ts: township-helper,
// township-helper-2 — same invented people). Demo data only: a real central enrols staff through
// the admin API, and a real terminal never embeds central.
import { idCheckCharacter } from '../../common/id-number';
import type { StaffEnrolment } from '../../common/staff-registry';

export const DEMO_HELPER_PIN = '135790';

const withCheck = (first17: string) => first17 + idCheckCharacter(first17);

export const DEMO_STAFF: (StaffEnrolment & { staffId: string })[] = [
  { staffId: 'HB-001', name: '周海燕', township: '耿车镇', idNumber: withCheck('32130219860914262'), pin: DEMO_HELPER_PIN, active: true },
  { staffId: 'HB-002', name: '孙立军', township: '耿车镇', idNumber: withCheck('32130219790203153'), pin: DEMO_HELPER_PIN, active: true },
];
