import { describe, expect, it } from 'vitest';
import { formFieldSchema, formFieldsSchema, parsePrefill, type FormField, type FormFieldInput } from './form-schema';
import { validateForm } from './form-validation';
import { idCheckCharacter } from './id-number';

const TODAY = '2026-11-22';
const field = (f: FormFieldInput): FormField => formFieldSchema.parse(f);
const L = (zh: string, en: string) => ({ zh, en });
const withCheck = (first17: string) => first17 + idCheckCharacter(first17);
const VALID_ID = withCheck('32130219900307123');
const wrongCheck = VALID_ID.slice(0, 17) + (VALID_ID[17] === '0' ? '1' : '0');

describe('form field schema', () => {
  it('fills defaults and accepts every kind with bilingual labels', () => {
    const f = field({ id: 'name', kind: 'text', label: L('姓名', 'Name') });
    expect(f).toMatchObject({ required: false, prefill: { from: 'none' } });
    const kinds = ['text', 'id-number', 'phone', 'date', 'textarea', 'address', 'number'] as const;
    for (const kind of kinds) expect(formFieldSchema.safeParse({ id: 'x', kind, label: L('甲', 'A') }).success).toBe(true);
    expect(formFieldSchema.safeParse({ id: 'x', kind: 'select', label: L('甲', 'A'), options: [] }).success).toBe(false);
    expect(formFieldSchema.safeParse({ id: 'x', kind: 'text', label: { zh: '甲' } }).success).toBe(false);
  });

  it('rejects duplicate field ids and duplicate options', () => {
    const t = { id: 'a', kind: 'text', label: L('甲', 'A') } as const;
    expect(formFieldsSchema.safeParse([t, t]).success).toBe(false);
    const sel = {
      id: 's',
      kind: 'select',
      label: L('甲', 'A'),
      options: [
        { value: 'x', label: L('一', 'one') },
        { value: 'x', label: L('二', 'two') },
      ],
    } as const;
    expect(formFieldsSchema.safeParse([sel]).success).toBe(false);
  });

  it('parses prefill sources: id-card field, shared department, none; refuses unknown ones clearly', () => {
    expect(parsePrefill('id-card:name')).toEqual({ from: 'id-card', field: 'name' });
    expect(parsePrefill('shared:公安')).toEqual({ from: 'shared', department: '公安' });
    expect(parsePrefill('none')).toEqual({ from: 'none' });
    expect(() => parsePrefill('id-card:shoeSize')).toThrow();
    expect(() => parsePrefill('guess')).toThrow(/预填来源.*unknown prefill source/);
  });
});

describe('validateForm', () => {
  it('finds one problem per field as a code with the figures its words need, in form order', () => {
    const fields = formFieldsSchema.parse([
      { id: 'name', kind: 'text', label: L('姓名', 'Name'), required: true, maxLength: 4 },
      { id: 'idNo', kind: 'id-number', label: L('身份证号码', 'ID number'), required: true },
      { id: 'mobile', kind: 'phone', label: L('手机号码', 'Mobile'), required: true },
      { id: 'birth', kind: 'date', label: L('出生日期', 'Date of birth'), notAfterToday: true },
      { id: 'people', kind: 'number', label: L('家庭人口', 'Household size'), integer: true, min: 1, max: 20 },
      { id: 'gender', kind: 'select', label: L('性别', 'Sex'), options: [{ value: 'male', label: L('男', 'Male') }] },
    ]);
    expect(validateForm(fields, { name: '欧阳小明明', idNo: VALID_ID.slice(0, 17), mobile: '1381234567', birth: '2026-11-23', people: 21, gender: 'other' }, { today: TODAY })).toEqual([
      { field: 'name', code: 'too-long', max: 4, length: 5 },
      { field: 'idNo', code: 'id-length', length: 17 },
      { field: 'mobile', code: 'phone-length', length: 10 },
      { field: 'birth', code: 'date-in-future', today: TODAY },
      { field: 'people', code: 'above-max', max: 20 },
      { field: 'gender', code: 'not-an-option', value: 'other' },
    ]);
    expect(validateForm(fields, { name: '', idNo: wrongCheck, mobile: '12812345678', birth: '2023-02-29', people: 0 }, { today: TODAY })).toEqual([
      { field: 'name', code: 'required' },
      { field: 'idNo', code: 'id-checksum' },
      { field: 'mobile', code: 'phone-prefix' },
      { field: 'birth', code: 'date-not-real', value: '2023-02-29' },
      { field: 'people', code: 'below-min', min: 1 },
    ]);
    expect(validateForm(fields, { name: '王小明', idNo: VALID_ID, mobile: '13812345678' }, { today: TODAY })).toEqual([]);
  });

  it('refuses a malformed "today" instead of silently accepting future dates', () => {
    expect(() => validateForm([], {}, { today: '22/11/2026' })).toThrow(/YYYY-MM-DD/);
  });
});
