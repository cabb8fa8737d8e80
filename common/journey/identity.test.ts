import { describe, expect, it } from 'vitest';
import { SAMPLE_CARDS } from '../../devices/id-card/sample-cards';
import type { FormField } from '../form-schema';
import { maskedIdentity } from './identity';
import { prefillForm, withCardValues } from './prefill';

const fields: FormField[] = [
  { id: 'n', kind: 'text', label: { zh: '姓名', en: 'Name' }, required: true, prefill: { from: 'id-card', field: 'name' } },
  { id: 'id', kind: 'id-number', label: { zh: '号码', en: 'Number' }, required: true, prefill: { from: 'id-card', field: 'idNumber' } },
  { id: 'addr', kind: 'address', label: { zh: '地址', en: 'Address' }, required: true, prefill: { from: 'id-card', field: 'address' } },
  { id: 'hk', kind: 'address', label: { zh: '户籍', en: 'Hukou' }, required: false, prefill: { from: 'shared', department: '公安' } },
];
const today = '2026-11-22';

describe('identity for the journey', () => {
  it('shows every card type masked, and sends the 2017 foreign card and expired cards to the counter', () => {
    expect(maskedIdentity(SAMPLE_CARDS.resident, today)).toMatchObject({ name: '王**', number: '3213**********' + SAMPLE_CARDS.resident.idNumber.slice(-4), problem: null });
    expect(maskedIdentity(SAMPLE_CARDS['hmt-residence-permit'], today)).toMatchObject({ cardTypeName: { zh: '港澳台居民居住证' }, problem: null });
    expect(maskedIdentity(SAMPLE_CARDS['foreign-permanent-2023'], today)).toMatchObject({ name: '玛**', problem: null });
    expect(maskedIdentity(SAMPLE_CARDS['foreign-permanent-2017'], today).problem).toBe('card-not-accepted-here');
    expect(maskedIdentity({ ...SAMPLE_CARDS.resident, validTo: '2026-11-21' }, today).problem).toBe('card-expired');
  });

  it('prefills with sources, masks the locked number, and takes locked values from the card at submit', () => {
    const p = prefillForm(fields, SAMPLE_CARDS.resident, (dept, id) => (dept === '公安' && id === 'hk' ? '户籍地' : null));
    expect(p.n).toEqual({ value: '王小明', source: { from: 'id-card' }, locked: true });
    expect(p.id!.value).not.toContain(SAMPLE_CARDS.resident.idNumber.slice(4, 14));
    expect(p.addr).toMatchObject({ locked: false });
    expect(p.hk).toEqual({ value: '户籍地', source: { from: 'shared', department: '公安' }, locked: false });
    const submitted = withCardValues(fields, { n: '别人', id: '3213**********1234', addr: '新地址', hk: '' }, SAMPLE_CARDS.resident);
    expect(submitted).toEqual({ n: '王小明', id: SAMPLE_CARDS.resident.idNumber, addr: '新地址', hk: '' });
  });
});
