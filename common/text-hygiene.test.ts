// One rule for names and free text, shared by the kiosk's and central's schemas: invisible
// controls, direction overrides, look-alike slashes and device names never pass; Chinese text
// with its punctuation does, and line breaks where a field is multi-line.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { pageFileName } from '../offline-queue/outbox';
import { attachmentRefSchema, evaluationRequestSchema, postalAddressSchema } from './central-api';
import type { FormField } from './form-schema';
import { validateForm } from './form-validation';
import { formValueSchema } from './form-data';
import { applicantSchema } from './submission';
import { fileNameProblem, textProblem } from './text-hygiene';

const REFUSED_IN_ANY_TEXT = [
  '\u0000',
  '\u0007',
  '\u001b',
  '\u007f',
  '\u0085',
  '\u009b',
  '\u202a',
  '\u202b',
  '\u202c',
  '\u202d',
  '\u202e',
  '\u2066',
  '\u2067',
  '\u2068',
  '\u2069',
  '\u200e',
  '\u200f',
  '\u061c',
  '\u2028',
  '\u2029',
  '\ufeff',
  '\u200b',
  '\ud800',
];
const LOOKALIKE_SLASHES = ['\u2215', '\uff0f', '\u2044', '\u29f8', '\ufe68', '\uff3c', '\u2216', '\u29f9'];
const DEVICE_NAMES = ['CON', 'con', 'PRN', 'AUX', 'NUL', 'nul.txt', 'CON.tar.gz', 'COM1', 'com9.jpg', 'LPT1', 'lpt9.pdf', 'CON .jpg', 'NUL ', 'AUX.', 'COM\u00b9.png'];

describe('file names', () => {
  it('refuses controls, bidi overrides and isolates, look-alike slashes, paths and device names', () => {
    for (const ch of [...REFUSED_IN_ANY_TEXT, ...LOOKALIKE_SLASHES, '/', '\\', ':', '*', '?', '"', '<', '>', '|', '\n', '\t'])
      expect(attachmentRefSchema.shape.name.safeParse(`page${ch}1.jpg`).success, JSON.stringify(ch)).toBe(false);
    for (const n of DEVICE_NAMES) expect(fileNameProblem(n), n).not.toBeNull();
    for (const n of ['.', '..', '.hidden.jpg', 'trailing.', 'trailing ', ' leading.jpg', 'C:evil.jpg', 'invoice\u202efdp.exe']) expect(fileNameProblem(n), n).not.toBeNull();
  });

  it('keeps ordinary names, Chinese ones included', () => {
    for (const n of ['id-card-1.jpg', '准予许可决定书.pdf', '户口簿（首页）-2.png', 'CONTRACT.pdf', 'console.jpg', 'com10.jpg', 'lpt.pdf', 'nul-1.jpg']) expect(fileNameProblem(n), n).toBeNull();
  });

  it('is never tripped by a name the kiosk itself gives a scanned page', () => {
    const materialId = fc.stringMatching(/^[a-z0-9-]{1,64}$/);
    fc.assert(
      fc.property(materialId, fc.integer({ min: 0, max: 199 }), fc.constantFrom('image/jpeg' as const, 'image/png' as const, 'application/pdf' as const), (id, i, mime) => {
        expect(attachmentRefSchema.shape.name.safeParse(pageFileName(id, i, mime)).success).toBe(true);
      }),
      { numRuns: 2000 },
    );
    for (const id of ['con', 'nul', 'aux', 'prn', 'com1', 'lpt9']) expect(fileNameProblem(pageFileName(id, 0, 'image/jpeg'))).toBeNull();
  });
});

describe('free text', () => {
  it('refuses controls and bidi characters in names, addresses, comments and form values', () => {
    for (const ch of REFUSED_IN_ANY_TEXT) {
      const s = `张三${ch}丰`;
      expect(applicantSchema.shape.name.safeParse(s).success, JSON.stringify(ch)).toBe(false);
      expect(postalAddressSchema.shape.detail.safeParse(`幸福路${ch}1号`).success, JSON.stringify(ch)).toBe(false);
      expect(evaluationRequestSchema.shape.comment.safeParse(s).success, JSON.stringify(ch)).toBe(false);
      expect(formValueSchema.safeParse(s).success, JSON.stringify(ch)).toBe(false);
      expect(formValueSchema.safeParse([s]).success, JSON.stringify(ch)).toBe(false);
    }
  });

  it('keeps Chinese punctuation, and line breaks only where a field is multi-line', () => {
    const prose = '我于2026年10月1日（国庆节）申请，材料：身份证、户口簿；“急需”——谢谢！《证明》·第1份？';
    expect(textProblem(prose)).toBeNull();
    expect(applicantSchema.shape.name.safeParse('欧阳·娜娜').success).toBe(true);
    expect(evaluationRequestSchema.shape.comment.safeParse('等候时间太长\n工作人员很耐心').success).toBe(true);
    expect(formValueSchema.safeParse('第一行\r\n第二行').success).toBe(true);
    expect(postalAddressSchema.shape.detail.safeParse('幸福路1号\n2单元').success).toBe(false);
    expect(applicantSchema.shape.name.safeParse('张三\n丰').success).toBe(false);
  });

  // the words the citizen reads for it: renderer/src/journey/field-problem-text.test.ts
  it('tells the citizen at the form, before anything is queued', () => {
    const fields: FormField[] = [
      { id: 'purpose', kind: 'text', label: { zh: '用途', en: 'Purpose' }, required: true },
      { id: 'note', kind: 'textarea', label: { zh: '备注', en: 'Note' }, required: false },
    ] as FormField[];
    const problems = validateForm(fields, { purpose: '申请\u202e证明', note: '第一行\n第二行' }, { today: '2026-12-02' });
    expect(problems).toEqual([expect.objectContaining({ field: 'purpose', code: 'bad-characters' })]);
    expect(validateForm(fields, { purpose: '申请证明', note: '备注\u0085' }, { today: '2026-12-02' })).toEqual([expect.objectContaining({ field: 'note', code: 'bad-characters' })]);
  });
});
