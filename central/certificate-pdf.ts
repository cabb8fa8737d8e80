// A simple result certificate (办理结果文书) PDF for demos and tests, so 办结 can release a
// real document for self-service printing without a real issuing system behind it.
import fs from 'node:fs';
import PDFDocument from 'pdfkit';

const CJK_FONTS = ['/usr/share/fonts/truetype/wqy/wqy-microhei.ttc', '/usr/share/fonts/wqy-microhei/wqy-microhei.ttc'];

export function renderCertificate(opts: { title: string; caseNo: string; serviceCode: string; decision: 'approved' | 'denied'; date: string }): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const doc = new PDFDocument({ size: 'A4', margin: 72, info: { Title: opts.title, Producer: 'gov-kiosk reference central' } });
    const chunks: Buffer[] = [];
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
    const font = CJK_FONTS.find((f) => fs.existsSync(f));
    if (font) doc.font(font, 'WenQuanYiMicroHei');
    doc.fontSize(22).text(opts.title, { align: 'center' });
    doc.moveDown(2).fontSize(12);
    doc.text(`案件编号 Case: ${opts.caseNo}`);
    doc.text(`事项编码 Service: ${opts.serviceCode}`);
    doc.text(`决定 Decision: ${opts.decision === 'approved' ? '准予 approved' : '不予 denied'}`);
    doc.text(`日期 Date: ${opts.date}`);
    doc.moveDown(2).text('（参考中心系统生成的样例文书 / sample document from the reference central）', { align: 'center' });
    doc.end();
  });
}
