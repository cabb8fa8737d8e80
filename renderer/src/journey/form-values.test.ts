import { describe, expect, it } from 'vitest';
import type { FormField } from '../../../common/form-schema';
import { parseKioskEvent } from '../system/events';
import { answersToSend, formProblems } from './form-values';
import { fieldProblemText } from './field-problem-text';

const fields: FormField[] = [
  { id: 'applicantIdNumber', kind: 'id-number', label: { zh: '公民身份号码', en: 'ID' }, required: true, prefill: { from: 'id-card', field: 'idNumber' } },
  { id: 'phone', kind: 'phone', label: { zh: '联系电话', en: 'Phone' }, required: true, prefill: { from: 'none' } },
  { id: 'rent', kind: 'number', label: { zh: '月租金', en: 'Rent' }, required: true, prefill: { from: 'none' }, min: 1, max: 100000, integer: false },
  { id: 'note', kind: 'text', label: { zh: '备注', en: 'Note' }, required: false, prefill: { from: 'none' } },
];
const locked = new Set(['applicantIdNumber']);

describe('form answers in the renderer', () => {
  it('leaves card-locked fields to the backend, drops empty answers and sends numbers as numbers', () => {
    expect(answersToSend(fields, { applicantIdNumber: '3213**********1234', phone: ' 13912345678 ', rent: '1800.5', note: '  ' }, locked)).toEqual({ phone: '13912345678', rent: 1800.5 });
  });

  it('says in plain words what to fix, without complaining about the masked number from the card', () => {
    const p = formProblems(fields, { applicantIdNumber: '3213**********1234', phone: '1391234', rent: 'abc' }, locked, new Date('2026-11-22T02:00:00Z'));
    expect(
      p.map((x) => [
        x.field,
        fieldProblemText(
          x,
          fields.find((f) => f.id === x.field)!,
        ).zh,
      ]),
    ).toEqual([
      ['phone', '手机号码应为 11 位数字，现在是 7 位，请核对'],
      ['rent', '“月租金”应填写数字，例如 12 或 3.5'],
    ]);
    expect(formProblems(fields, { phone: '13912345678', rent: '1800' }, locked)).toEqual([]);
  });
});

describe('device events for the identify step', () => {
  it('takes card reads as a signal (the card type, nothing personal even if sent), reader errors and reader status; refuses malformed ones', () => {
    const read = parseKioskEvent(JSON.stringify({ type: 'idcard.read', cardType: 'resident', name: '王小明', photo: { mime: 'image/png', dataUrl: 'data:image/png;base64,AAAA' } }));
    expect(read).toEqual({ type: 'idcard.read', cardType: 'resident' });
    expect(parseKioskEvent(JSON.stringify({ type: 'idcard.read', cardType: 'library-card' }))).toBeNull();
    expect(parseKioskEvent(JSON.stringify({ type: 'idcard.error', reason: 'read-failed', problem: 'no-read' }))).toEqual({ type: 'idcard.error', reason: 'read-failed', problem: 'no-read' });
    expect(parseKioskEvent(JSON.stringify({ type: 'idcard.error', reason: 'boom', problem: 'no-read' }))).toBeNull();
    // an older backend's sentence, or a problem this screen has no words for, is not an event it shows
    expect(parseKioskEvent(JSON.stringify({ type: 'idcard.error', reason: 'read-failed', message: '读卡失败' }))).toBeNull();
    expect(parseKioskEvent(JSON.stringify({ type: 'idcard.error', reason: 'read-failed', problem: 'toString' }))).toBeNull();
    const status = {
      type: 'device.status',
      view: {
        device: 'id-card-reader',
        mode: 'simulator',
        health: 'offline',
        status: { state: 'offline', reason: 'unplugged', detail: '' },
        since: '2026-11-22T00:00:00Z',
        consumables: null,
      },
    };
    expect(parseKioskEvent(JSON.stringify(status))).toMatchObject({ type: 'device.status', view: { device: 'id-card-reader', health: 'offline' } });
    expect(parseKioskEvent(JSON.stringify({ ...status, view: { ...status.view, device: 'toaster' } }))).toBeNull();
  });
});
