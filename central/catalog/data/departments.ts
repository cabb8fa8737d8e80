// Departments that publish services on the kiosk, and the life-event themes (“一件事”)
// the home screen groups services by.
import type { Department, LifeEvent } from '../../../common/catalog';

export const departments = [
  { id: 'hukou', name: '市公安局（户政）', nameEn: 'Public Security Bureau (Household Registration)' },
  { id: 'social-security', name: '市人力资源和社会保障局', nameEn: 'Human Resources and Social Security Bureau' },
  { id: 'medical-insurance', name: '市医疗保障局', nameEn: 'Healthcare Security Administration' },
  { id: 'housing-fund', name: '市住房公积金管理中心', nameEn: 'Housing Provident Fund Management Centre' },
  { id: 'market-regulation', name: '市市场监督管理局', nameEn: 'Administration for Market Regulation' },
  { id: 'real-estate', name: '市不动产登记中心', nameEn: 'Real Estate Registration Centre' },
  { id: 'civil-affairs', name: '市民政局', nameEn: 'Civil Affairs Bureau' },
] satisfies Department[];

export const lifeEvents = [
  { id: 'birth', name: '出生', nameEn: 'Having a baby' },
  { id: 'employment', name: '就业创业', nameEn: 'Jobs and self-employment' },
  { id: 'marriage', name: '婚姻', nameEn: 'Marriage' },
  { id: 'retirement', name: '退休养老', nameEn: 'Retirement and pensions' },
  { id: 'housing', name: '住房', nameEn: 'Housing' },
  { id: 'business-startup', name: '开办企业', nameEn: 'Starting a business' },
  { id: 'medical-care', name: '就医', nameEn: 'Medical care' },
  { id: 'relocation', name: '迁居', nameEn: 'Moving home' },
  { id: 'documents', name: '证件办理', nameEn: 'Identity documents and certificates' },
] satisfies LifeEvent[];
