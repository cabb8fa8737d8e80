// 数据共享: form fields other departments already hold for this applicant. The reference kiosk
// answers from the card it read, which is what 公安's population database holds for a resident's
// registered (户籍) address; a deployment replaces this with its data-sharing platform client.
import type { CardIdentity } from '../../../common/devices';
import type { SharedLookup } from '../../../common/journey/prefill';

export const sharedRecordsLookup: SharedLookup = (department: string, fieldId: string, identity: CardIdentity) => {
  if (department.includes('公安') && fieldId === 'hukouAddress' && identity.cardType === 'resident') return identity.address;
  return null;
};
