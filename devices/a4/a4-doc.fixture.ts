// A realistic A4 document for tests and the technician's test print.
import type { A4Doc } from '../../documents/model/a4-doc';

export const sampleA4Doc: A4Doc = {
  title: '不见面审批受理回执',
  reference: 'SQ20261122-000123 2026-11-22 DEV0001',
  blocks: [
    { type: 'heading', text: '一、申请事项' },
    { type: 'field', label: '事项名称', value: '个体工商户设立登记' },
    { type: 'field', label: '受理编号', value: 'SQ20261122-000123' },
    { type: 'field', label: '申请人', value: '王**' },
    { type: 'heading', text: '二、办理说明' },
    { type: 'paragraph', text: '您的申请材料已提交，审批结果将通过短信通知，并可在“我的办件”中查询办理进度。' },
    { type: 'qr', data: 'https://zwfw.suqian.gov.cn/case/SQ20261122-000123', caption: '扫码查询办理进度' },
  ],
};
