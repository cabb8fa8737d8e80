// The sample service catalog central publishes on first start: realistic guides for a
// Suqian (宿迁市宿城区) deployment, written to the provincial guide-writing rules.
// Parsed at import, so invalid sample data fails loudly instead of reaching a kiosk.
import { catalogSchema, type Catalog } from '../../common/catalog';
import { civilAffairsServices } from './data/civil-affairs';
import { departments, lifeEvents } from './data/departments';
import { FORMS } from './data/forms';
import { housingFundServices } from './data/housing-fund';
import { hukouServices } from './data/hukou';
import { marketRegulationServices } from './data/market-regulation';
import { medicalInsuranceServices } from './data/medical-insurance';
import { realEstateServices } from './data/real-estate';
import { socialSecurityServices } from './data/social-security';

export const sampleCatalog: Catalog = catalogSchema.parse({
  version: '2026.11.1',
  publishedAt: '2026-11-01T08:00:00+08:00',
  departments,
  lifeEvents,
  // The kiosk's application form is attached to each service it can take fully (data/forms.ts).
  services: [...socialSecurityServices, ...medicalInsuranceServices, ...housingFundServices, ...hukouServices, ...marketRegulationServices, ...realEstateServices, ...civilAffairsServices].map((s) =>
    FORMS[s.code] ? { ...s, form: FORMS[s.code] } : s,
  ),
});
