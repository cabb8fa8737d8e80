// The words a citizen reads for each form problem: common/form-schema.ts finds the problem (a code
// and its figures), this table words it with the field's label, Chinese and English.
import { describe, expect, it } from 'vitest';
import { formFieldSchema, formFieldsSchema, type FormField, type FormFieldInput } from '../../../common/form-schema';
import { validateForm } from '../../../common/form-validation';
import { idCheckCharacter } from '../../../common/id-number';
import { fieldProblemText } from './field-problem-text';

const TODAY = '2026-11-22';
const field = (f: FormFieldInput): FormField => formFieldSchema.parse(f);
const L = (zh: string, en: string) => ({ zh, en });
const withCheck = (first17: string) => first17 + idCheckCharacter(first17);
const VALID_ID = withCheck('32130219900307123');
const wrongCheck = VALID_ID.slice(0, 17) + (VALID_ID[17] === '0' ? '1' : '0');

/** the single problem for one field and one value, with its words */
function problem(f: FormFieldInput, value: unknown) {
  const parsed = field(f);
  const ps = validateForm([parsed], { [f.id]: value as never }, { today: TODAY });
  expect(ps.length).toBeLessThanOrEqual(1);
  return ps[0] && { ...ps[0], ...fieldProblemText(ps[0], parsed) };
}
const notCatchAll = (s: string) => !/invalid|无效|不合法$/i.test(s);

describe('form problem words', () => {
  it('hidden characters: the field is named, and a one-line field says it takes one line', () => {
    const purpose = { id: 'purpose', kind: 'text', label: L('用途', 'Purpose'), required: true } as const;
    expect(problem(purpose, '申请\u202e证明')).toMatchObject({ code: 'bad-characters', zh: '“用途”只能填写一行文字，且不能含有隐藏字符，请重新填写' });
    const note = { id: 'note', kind: 'textarea', label: L('备注', 'Note'), required: false } as const;
    expect(problem(note, '备注\u0085')).toMatchObject({ code: 'bad-characters', zh: '“备注”含有无法识别的隐藏字符，请删除后重新填写' });
  });

  it('required: empty, blank and missing answers are reported; optional empty fields are fine', () => {
    const f = { id: 'name', kind: 'text', label: L('姓名', 'Name'), required: true } as const;
    for (const v of [undefined, null, '', '   ']) expect(problem(f, v)).toMatchObject({ field: 'name', code: 'required', zh: '请填写“姓名”', en: 'Please fill in "Name"' });
    expect(problem({ ...f, required: false }, '')).toBeUndefined();
    expect(problem(f, '王小明')).toBeUndefined();
  });

  it('text / textarea / address: max length counts Chinese characters as one and says by how much', () => {
    const f = { id: 'name', kind: 'text', label: L('姓名', 'Name'), maxLength: 4 } as const;
    expect(problem(f, '欧阳小明')).toBeUndefined();
    const p = problem(f, '欧阳小明明');
    expect(p).toMatchObject({ code: 'too-long' });
    expect(p!.zh).toContain('最多 4 个字，现在有 5 个');
    expect(p!.en).toContain('at most 4 characters; it has 5');
    expect(problem({ id: 'addr', kind: 'address', label: L('住址', 'Address') }, '江'.repeat(201))?.code).toBe('too-long');
    expect(problem({ id: 'addr', kind: 'address', label: L('住址', 'Address') }, '江苏省宿迁市宿城区幸福中路88号')).toBeUndefined();
    expect(problem({ id: 'why', kind: 'textarea', label: L('申请理由', 'Reason') }, '理'.repeat(2000))).toBeUndefined();
    expect(problem({ id: 'why', kind: 'textarea', label: L('申请理由', 'Reason') }, '理'.repeat(2001))?.code).toBe('too-long');
    expect(problem({ id: 'name', kind: 'text', label: L('姓名', 'Name') }, 42)).toMatchObject({ code: 'wrong-type', zh: '“姓名”应填写文字' });
  });

  it('id-number: each GB 11643 problem gets its own message; a lower-case x is accepted', () => {
    const f = { id: 'idNo', kind: 'id-number', label: L('身份证号码', 'ID number'), required: true } as const;
    expect(problem(f, VALID_ID)).toBeUndefined();
    expect(problem(f, wrongCheck)).toEqual({ field: 'idNo', code: 'id-checksum', zh: '身份证号码校验位不正确，请核对', en: "The ID number's check digit is wrong; please check" });
    expect(problem(f, VALID_ID.slice(0, 17))).toMatchObject({ code: 'id-length', zh: '身份证号码应为 18 位，现在是 17 位，请核对' });
    expect(problem(f, `A${VALID_ID.slice(1)}`)?.code).toBe('id-characters');
    expect(problem(f, withCheck('32130219900230123'))?.code).toBe('id-birth-date');
    const xId = ['1101011990010100', '1101011990010101', '1101011990010102', '3201021990030712', '3213021990030700', '3213021990030701']
      .flatMap((p) => Array.from({ length: 10 }, (_, i) => `${p}${i}`))
      .map(withCheck)
      .find((id) => id.endsWith('X'))!;
    expect(problem(f, xId.toLowerCase())).toBeUndefined();
  });

  it('phone: digits only, 11 digits, starts with 13–19', () => {
    const f = { id: 'mobile', kind: 'phone', label: L('手机号码', 'Mobile'), required: true } as const;
    expect(problem(f, '13812345678')).toBeUndefined();
    expect(problem(f, '19912345678')).toBeUndefined();
    expect(problem(f, '138 1234 5678')?.code).toBe('phone-characters');
    expect(problem(f, '1381234567')).toMatchObject({ code: 'phone-length', zh: '手机号码应为 11 位数字，现在是 10 位，请核对' });
    expect(problem(f, '12812345678')?.code).toBe('phone-prefix');
    expect(problem(f, '02512345678')?.code).toBe('phone-prefix');
  });

  it('date: format, real calendar date, and not after today for birth dates', () => {
    const birth = { id: 'birth', kind: 'date', label: L('出生日期', 'Date of birth'), notAfterToday: true } as const;
    expect(problem(birth, '1990-03-07')).toBeUndefined();
    expect(problem(birth, TODAY)).toBeUndefined();
    expect(problem(birth, '1990/03/07')?.code).toBe('date-format');
    expect(problem(birth, '2023-02-29')).toMatchObject({ code: 'date-not-real', zh: '“出生日期”填写的 2023-02-29 这一天不存在，请核对' });
    expect(problem(birth, '2024-02-29')).toBeUndefined();
    expect(problem(birth, '2026-11-23')).toMatchObject({ code: 'date-in-future', zh: '“出生日期”不能晚于今天（2026-11-22）', en: '"Date of birth" cannot be later than today (2026-11-22)' });
    expect(problem({ ...birth, id: 'appt', notAfterToday: false }, '2026-12-01')).toBeUndefined();
  });

  it('select: only the listed choices; an empty required select asks to choose', () => {
    const f: FormFieldInput = {
      id: 'gender',
      kind: 'select',
      label: L('性别', 'Sex'),
      required: true,
      options: [
        { value: 'male', label: L('男', 'Male') },
        { value: 'female', label: L('女', 'Female') },
      ],
    };
    expect(problem(f, 'female')).toBeUndefined();
    expect(problem(f, 'other')).toMatchObject({ code: 'not-an-option', zh: '“性别”的“other”不在可选范围内，请重新选择' });
    expect(problem(f, '')).toMatchObject({ code: 'required', zh: '请选择“性别”', en: 'Please choose "Sex"' });
  });

  it('number: numbers or numeric text, whole when asked, within bounds', () => {
    const f = { id: 'people', kind: 'number', label: L('家庭人口', 'Household size'), integer: true, min: 1, max: 20 } as const;
    expect(problem(f, 3)).toBeUndefined();
    expect(problem(f, '3')).toBeUndefined();
    expect(problem(f, 'three')?.code).toBe('not-a-number');
    expect(problem(f, 2.5)?.code).toBe('not-whole');
    expect(problem(f, 0)).toMatchObject({ code: 'below-min', zh: '“家庭人口”不能小于 1' });
    expect(problem(f, 21)).toMatchObject({ code: 'above-max', en: '"Household size" cannot be more than 20' });
  });

  it('reports every faulty field of a whole form, in form order, never with a catch-all message', () => {
    const fields = formFieldsSchema.parse([
      { id: 'name', kind: 'text', label: L('姓名', 'Name'), required: true, prefill: { from: 'id-card', field: 'name' } },
      { id: 'idNo', kind: 'id-number', label: L('身份证号码', 'ID number'), required: true, prefill: { from: 'id-card', field: 'idNumber' } },
      { id: 'mobile', kind: 'phone', label: L('手机号码', 'Mobile'), required: true },
      { id: 'hukou', kind: 'address', label: L('户籍地址', 'Registered address'), prefill: { from: 'shared', department: '公安' }, help: L('与户口簿一致', 'As in the household register') },
    ]);
    const ps = validateForm(fields, { name: '', idNo: wrongCheck, mobile: '1381234567', hukou: '' }, { today: TODAY });
    expect(ps.map((p) => [p.field, p.code])).toEqual([
      ['name', 'required'],
      ['idNo', 'id-checksum'],
      ['mobile', 'phone-length'],
    ]);
    for (const p of ps.map((x) =>
      fieldProblemText(
        x,
        fields.find((f) => f.id === x.field)!,
      ),
    )) {
      expect(p.zh).toMatch(/[\u4e00-\u9fff]/);
      expect(p.en).toMatch(/^[\x20-\x7e]+$/);
      expect(notCatchAll(p.zh) && notCatchAll(p.en)).toBe(true);
    }
    expect(validateForm(fields, { name: '王小明', idNo: VALID_ID, mobile: '13812345678' }, { today: TODAY })).toEqual([]);
  });
});
