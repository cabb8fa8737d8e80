// The device words the screens show: every device, status, scan fault, self-test and device
// refusal has words in both languages, and they are the sentences the backend used to build
// (common/devices.ts `describeStatus`, the scanner's and self-test's texts) — now chosen here.
import { describe, expect, it } from 'vitest';
import { DEVICE_KINDS, type AnyDeviceStatus } from '../../../common/devices';
import { DEVICE_NAME_WORDS, DEVICE_STATE_WORDS, OFFLINE_REASON_WORDS, type Words } from '../../../common/device-words';
import { DEVICE_REFUSAL_WORDS, SCAN_FAULT_WORDS, reconnectText, selfTestText } from './device-words';
import { MAINTENANCE_REFUSAL_WORDS, configOutcomeText } from './maintenance-words';
import { deviceNameText, deviceStatusText } from './devices';
import { refusalText } from './refusals';

const CJK = /[\u3400-\u9fff]/;
const bothLanguages = (w: Words, what: string) => {
  expect(w.zh, `${what} zh`).toMatch(CJK);
  expect(w.en, `${what} en`).toMatch(/[a-z]/i);
  expect(w.en, `${what} en`).not.toMatch(CJK);
};
const noParams = () => undefined;

describe('device words', () => {
  it('names every device kind and words every offline reason and status state in Chinese and English', () => {
    for (const k of DEVICE_KINDS) bothLanguages(DEVICE_NAME_WORDS[k], k);
    for (const [reason, w] of Object.entries(OFFLINE_REASON_WORDS)) bothLanguages(w, reason);
    const params = { reason: 'unplugged', detail: 'ENODEV', sw3: 0x41, paperNearEnd: false };
    for (const [state, words] of Object.entries(DEVICE_STATE_WORDS)) bothLanguages(words({ state, ...params }), state);
  });

  it('says what the status line always said, Chinese first', () => {
    const line = (device: (typeof DEVICE_KINDS)[number], status: AnyDeviceStatus) => deviceStatusText({ device, status });
    expect(line('receipt-printer', { state: 'ready', paperNearEnd: false })).toBe('凭条打印机 / receipt printer：就绪 / ready');
    expect(line('receipt-printer', { state: 'ready', paperNearEnd: true })).toBe('凭条打印机 / receipt printer：纸将用尽，请及时换纸 / paper near end');
    expect(line('receipt-printer', { state: 'paper-out' })).toBe('凭条打印机 / receipt printer：缺纸，请装纸 / paper out');
    expect(line('receipt-printer', { state: 'printer-error', detail: 'offline' })).toBe('凭条打印机 / receipt printer：打印机故障 / printer error (offline)');
    expect(line('scanner', { state: 'offline', reason: 'unplugged', detail: 'USB 3-1' })).toBe('扫描仪 / scanner：设备已断开 / device disconnected（USB 3-1）');
    expect(line('scanner', { state: 'offline', reason: 'not-found', detail: '' })).toBe('扫描仪 / scanner：未找到设备 / device not found');
    expect(line('id-card-reader', { state: 'sam-fault', sw3: 0x41 })).toBe('身份证阅读器 / ID card reader：安全模块故障 (SW3=41) / security module fault');
    expect(line('id-card-reader', { state: 'card-held' })).toBe('身份证阅读器 / ID card reader：已读取，请取走证件 / card read, please remove it');
    expect(line('a4-printer', { state: 'stopped', detail: 'media-empty' })).toBe('A4 打印机 / A4 printer：打印队列已停止 / print queue stopped: media-empty');
    expect(line('a4-printer', { state: 'stopped', detail: '' })).toBe('A4 打印机 / A4 printer：打印队列已停止 / print queue stopped');
    expect(deviceNameText('code-scanner')).toBe('扫码器 / code scanner');
  });

  it('shows a state or device it does not know (a newer terminal’s) as its code rather than failing', () => {
    expect(deviceStatusText({ device: 'scanner', status: { state: 'warming-up' } })).toBe('扫描仪 / scanner：warming-up / warming-up');
    expect(deviceStatusText({ device: 'scanner', status: { state: 'offline', reason: 'toString', detail: '' } })).toBe('扫描仪 / scanner：设备故障 / device error');
  });

  it('words every scan fault and device refusal in both languages, the way the scanner said it', () => {
    for (const [code, words] of Object.entries(SCAN_FAULT_WORDS)) bothLanguages(words(noParams), code);
    for (const [code, words] of Object.entries(DEVICE_REFUSAL_WORDS)) bothLanguages(words!(noParams), code);
    for (const [code, words] of Object.entries(MAINTENANCE_REFUSAL_WORDS)) bothLanguages(words!(noParams), code);
    expect(refusalText('maintenance', 'export-refused', { reason: 'no-folder' })).toBe('导出位置不存在或不是文件夹（U 盘是否已插入？） / the target folder does not exist (is the USB stick mounted?)');
    expect(refusalText('maintenance', 'export-refused', { reason: 'outside-roots', roots: ['/media/usb', 7] })).toBe('只能导出到这些位置之下 / export only under: /media/usb');
    expect(refusalText('maintenance', 'export-refused', { reason: 'not-absolute' })).toBe('导出位置应为绝对路径 / the target must be an absolute path');
    expect(refusalText('devices', 'jammed', { pages: [] })).toBe('扫描仪卡纸，请清除卡纸后重试 / The scanner jammed: clear the paper and try again.');
    expect(refusalText('devices', 'no-documents', {})).toBe('进纸器中没有文件，请放入材料 / No documents in the feeder: please insert them.');
    expect(refusalText('devices', 'pages-unusable', { unusable: { page: 1, problem: 'too-small', width: 200, height: 150 } })).toBe(
      '第 1 页无法使用：图片太小（200×150），无法辨认 / page 1 could not be used: image too small to read (200×150)',
    );
    expect(refusalText('devices', 'bad-image', { problem: 'too-large', mb: 12, maxMb: 10 })).toBe('图片过大（12 MB），不能超过 10 MB / image larger than 10 MB');
    expect(refusalText('devices', 'bad-image', { problem: 'not-an-image' })).toBe('不是 JPEG 或 PNG 图片 / not a JPEG or PNG image');
    expect(refusalText('devices', 'not-an-image', {})).toBe('请上传 JPEG 或 PNG 图片 / send a JPEG or PNG image');
    expect(refusalText('maintenance', 'no-dead-letter', {})).toBe('没有这条待处理记录 / no such dead letter');
    // the same code in another area is another thing: a scanner not found is not a missing page
    expect(refusalText('devices', 'not-found', {})).toBe('未找到扫描仪 / Scanner not found.');
    expect(refusalText('maintenance', 'not-found', {})).toBeNull();
  });

  it('words every self-test outcome and reconnect as the maintenance screen showed them', () => {
    const detail = {};
    expect(selfTestText({ ok: true, code: 'receipt-printed', detail, device: 'receipt-printer' })).toBe('测试凭条已打印 / test receipt printed');
    expect(selfTestText({ ok: false, code: 'receipt-failed', why: 'paper-out', detail, device: 'receipt-printer' })).toBe(
      '测试打印失败（paper-out），测试凭条未保留 / test print failed (paper-out); the test slip is not kept',
    );
    expect(selfTestText({ ok: true, code: 'a4-printed', detail, device: 'a4-printer' })).toBe('A4 测试页已打印 / A4 test page printed');
    expect(selfTestText({ ok: false, code: 'a4-failed', failure: 'stopped', detail, device: 'a4-printer' })).toBe(
      'A4 打印机已停止，请到窗口打印 / The A4 printer is stopped: please print at the counter.',
    );
    expect(selfTestText({ ok: true, code: 'scan-ok', pages: 2, detail, device: 'scanner' })).toBe('扫描正常，2 页 / scan OK, 2 page(s)');
    expect(selfTestText({ ok: false, code: 'scan-failed', fault: 'jammed', detail, device: 'scanner' })).toBe('扫描仪卡纸，请清除卡纸后重试 / The scanner jammed: clear the paper and try again.');
    expect(selfTestText({ ok: false, code: 'reader-offline', status: { state: 'offline', reason: 'no-response', detail: '' }, detail, device: 'id-card-reader' })).toBe(
      '身份证阅读器 / ID card reader：设备无响应 / device does not respond',
    );
    expect(selfTestText({ ok: false, code: 'card-timeout', seconds: 20, detail, device: 'id-card-reader' })).toBe(
      '20 秒内未读到卡，请放置测试卡后重试 / no card read in time: place a test card and try again',
    );
    expect(selfTestText({ ok: true, code: 'card-read', photo: null, detail, device: 'id-card-reader' })).toBe('读卡正常（内容不显示） / card read OK (contents not shown)');
    expect(selfTestText({ ok: false, code: 'code-timeout', seconds: 20, detail, device: 'code-scanner' })).toBe('20 秒内未扫到码 / no code scanned in time');
    expect(selfTestText({ ok: true, code: 'code-scanned', length: 12, detail, device: 'code-scanner' })).toBe('扫码正常（12 个字符） / code scanned (12 characters)');
    expect(selfTestText({ ok: false, code: 'no-self-test', detail, device: 'code-scanner' })).toBe('此设备没有自检 / no self-test for this device');
    expect(configOutcomeText({ field: 'hallName', ok: true, code: 'saved' })).toBe('已保存，重启后生效 / saved; applies after restart');
    expect(configOutcomeText({ field: 'centralUrl', ok: false, code: 'not-editable' })).toBe('该字段不可在维护模式修改 / this field cannot be changed in maintenance mode');
    expect(configOutcomeText({ field: 'heartbeatSec', ok: false, code: 'invalid', issue: 'Too small' })).toBe('取值不符合要求 / invalid value: Too small');
    expect(reconnectText('reconnect-requested')).toBe('已请求重新连接 / reconnect requested');
    expect(reconnectText('reconnect-not-supported')).toBe('此设备层不支持重连 / reconnect not supported');
  });
});
