// A simple result certificate (办理结果文书) for demos and tests, so 办结 can release a real
// document for self-service printing without a real issuing system behind it. Dated in China time.
import { chinaIsoDate } from '../../common/china-time';
import type { IssuedDoc } from '../model/issued-doc';
import { RESULT_CERTIFICATE_TEXT as T } from './result-certificate-text';

export interface CertificateFacts {
  title: string;
  caseNo: string;
  serviceCode: string;
  decision: 'approved' | 'denied';
  issuedAt: Date;
}

export function resultCertificateDoc(c: CertificateFacts): IssuedDoc {
  const body = (text: string) => ({ type: 'line' as const, text, size: 12 });
  return {
    title: c.title,
    margin: 72,
    blocks: [
      { type: 'line', text: c.title, size: 22, align: 'center' },
      { type: 'gap', lines: 2 },
      body(T.caseNo(c.caseNo)),
      body(T.serviceCode(c.serviceCode)),
      body(T.decision[c.decision]),
      body(T.date(chinaIsoDate(c.issuedAt))),
      { type: 'gap', lines: 2 },
      { type: 'line', text: T.sample, size: 12, align: 'center' },
    ],
  };
}
