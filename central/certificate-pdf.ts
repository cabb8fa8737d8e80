// A simple result certificate (办理结果文书) PDF for demos and tests, so 办结 can release a
// real document for self-service printing without a real issuing system behind it.
import PDFDocument from 'pdfkit';
import { registerFonts, write } from './pdf-text';

export function renderCertificate(opts: { title: string; caseNo: string; serviceCode: string; decision: 'approved' | 'denied'; date: string }): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const doc = new PDFDocument({ size: 'A4', margin: 72, info: { Title: opts.title, Producer: 'gov-kiosk reference central' } });
    const chunks: Buffer[] = [];
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
    registerFonts(doc);
    write(doc.fontSize(22), opts.title, { align: 'center' });
    doc.moveDown(2).fontSize(12);
    // Latin runs in a standard font stay readable (pdftotext) after a printer's filters.
    write(doc, `案件编号 Case: ${opts.caseNo}`);
    write(doc, `事项编码 Service: ${opts.serviceCode}`);
    write(doc, `决定 Decision: ${opts.decision === 'approved' ? '准予 approved' : '不予 denied'}`);
    write(doc, `日期 Date: ${opts.date}`);
    doc.moveDown(2);
    write(doc, '（参考中心系统生成的样例文书 / sample document from the reference central）', { align: 'center' });
    doc.end();
  });
}
