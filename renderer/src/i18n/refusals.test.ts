import { describe, expect, it } from 'vitest';
import { bilingual } from '../../../common/device-words';
import { POST_REFUSALS } from '../../../common/post-refusals';
import { CARD_PROBLEM_TEXT, refusalText } from './refusals';

describe('refusal words', () => {
  it('words every application-journey refusal as the citizen has always read it, Chinese first', () => {
    expect(refusalText('journey', 'catalog-unavailable', {})).toBe('事项清单尚未同步，暂不能申请 / the service list is not available yet');
    expect(refusalText('journey', 'unknown-service', {})).toBe('未找到该事项 / no such service');
    expect(refusalText('journey', 'no-card', {})).toBe('请先在读卡区放置身份证 / please place your ID card on the reader first');
    expect(refusalText('journey', 'face-check-needed', {})).toBe('请先完成人证核验 / please complete the face check first');
    expect(refusalText('journey', 'helper-not-signed-in', {})).toBe('帮办人员未登录或已超时退出，请重新登录 / the helper is not signed in (or was signed out)');
    expect(refusalText('journey', 'unknown-page', {})).toBe('有页面已不在本机，请重新扫描 / some pages are gone, please scan again');
    expect(refusalText('journey', 'materials-missing', { missing: ['租金支付凭证'] })).toBe('材料不齐全，不能提交，请打印一次性告知单 / materials are missing: the application cannot be submitted');
    expect(refusalText('journey', 'commitment-needed', {})).toBe('容缺材料须签署告知承诺书 / sign the commitment for the owed materials');
    expect(refusalText('journey', 'form-invalid', { problems: [] })).toBe('申请表有需要修改的地方 / the form needs corrections');
    expect(refusalText('journey', 'not-missing', {})).toBe('材料已齐全或可容缺，无需告知单 / nothing is missing that needs a notice');
  });

  it("puts the refusal's parameters in: the service's own note, or the counter when it has none", () => {
    expect(refusalText('journey', 'not-at-kiosk', { note: '需现场核验原件' })).toBe('该事项不能在自助机全程办理：需现场核验原件 / this service cannot be completed at the kiosk');
    expect(refusalText('journey', 'not-at-kiosk', { note: null })).toBe('该事项不能在自助机全程办理：请到窗口办理 / this service cannot be completed at the kiosk');
    expect(refusalText('journey', 'not-at-kiosk', 'garbage')).toBe('该事项不能在自助机全程办理：请到窗口办理 / this service cannot be completed at the kiosk');
  });

  it('says why a card cannot open a case, at submit and on the identify step', () => {
    expect(refusalText('journey', 'card-not-accepted', { problem: 'card-expired' })).toBe('证件已过有效期，请到窗口办理 / The card has expired; please go to the counter');
    expect(refusalText('journey', 'card-not-accepted', { problem: 'card-not-accepted-here' })).toBe(bilingual(CARD_PROBLEM_TEXT['card-not-accepted-here']));
    expect(bilingual(CARD_PROBLEM_TEXT['card-not-accepted-here'])).toBe(
      '此类证件暂不能在自助机提交申请，请到窗口办理 / Applications with this card cannot be made at the kiosk yet; please go to the counter',
    );
  });

  it("words the HTTP layer's own refusals, with a body's cap in KB and bytes", () => {
    expect(refusalText('http', 'too-large', { limit: 1024 * 1024 })).toBe('请求内容过大（上限 1024 KB） / the request body is too large (limit 1048576 bytes)');
    expect(refusalText('http', 'too-large', { limit: 'lots' })).toBe('请求内容过大 / the request body is too large');
    expect(refusalText('http', 'not-json', {})).toBe('请求体不是合法的 JSON / the body is not valid JSON');
    expect(refusalText('http', 'unsupported-media-type', {})).toBe('请求体应为 JSON / the body must be application/json');
    expect(refusalText('http', 'invalid-request', { issues: [] })).toBe('请求内容不符合要求 / the request is not valid');
    expect(refusalText('http', 'internal', {})).toBe('系统暂时出错，请稍后再试 / Something went wrong, please try again.');
    expect(refusalText('http', 'not-found', {})).toBe('没有这项功能 / no such API route');
  });

  it('leaves codes it does not word to the message the backend sent', () => {
    expect(refusalText('journey', 'wrong-pin', {})).toBeNull();
    expect(refusalText('journey', 'toString', {})).toBeNull();
    expect(refusalText('toString', 'no-card', {})).toBeNull();
  });

  it("words a code by the area that gave it: the same code elsewhere is not the journey's sentence", () => {
    expect(refusalText('journey', 'no-card', {})).toBe('请先在读卡区放置身份证 / please place your ID card on the reader first');
    expect(refusalText('helperSignIn', 'no-card', {})).toBe('请先将帮办人员本人证件放在读卡区 / place the helper’s own card on the reader first');
    expect(refusalText('followup', 'no-card', {})).toBe('请先将身份证放在读卡区 / please place your ID card on the reader first');
    expect(refusalText('face', 'no-card', {})).toBe('请先读取身份证 / please read your ID card first');
    expect(refusalText('technician', 'technician-only', {})).toBe('仅限技术人员，请先进入维护模式 / technicians only: enter maintenance mode first');
    expect(refusalText('rating', 'not-found', {})).toBe('只能评价本次办理的事项 / only this visit can be rated here');
    expect(refusalText('submissions', 'not-found', {})).toBe('未找到该回执编号 / no such receipt number');
    expect(refusalText('catalog', 'not-found', {})).toBe('未找到该事项 / no such service');
    expect(refusalText(undefined, 'no-card', {})).toBeNull();
    expect(refusalText('no-such-area', 'no-card', {})).toBeNull();
  });

  it("words the outbox's refusals at submit: nothing saved, and why", () => {
    expect(refusalText('journey', 'disk-full', {})).toBe(
      '终端存储空间已满，本次申请未能保存，请联系工作人员 / The terminal storage is full: your application was NOT saved. Please ask staff for help.',
    );
    expect(refusalText('journey', 'storage', { detail: 'SQLITE_IOERR' })).toBe('保存失败，请联系工作人员 / could not save the application: SQLITE_IOERR');
    expect(refusalText('journey', 'invalid', { issues: [] })).toBe('申请内容不完整或有误 / the application is incomplete or invalid');
    expect(refusalText('journey', 'key-reused', {})).toBe('该幂等键已用于另一份申请 / this idempotency key was already used for a different application');
    expect(refusalText('submissions', 'disk-full', {})).toBe(refusalText('journey', 'disk-full', {}));
    expect(refusalText('submissions', 'invalid-request', {})).toBe('申请内容不完整或有误 / the application is incomplete or invalid');
    expect(refusalText('submissions', 'unknown-material', { materials: ['M9', 'M10'] })).toBe('该事项没有这些材料 / not materials of this service: M9, M10');
    expect(refusalText('submissions', 'unknown-material', { materials: 'garbage' })).toBe('该事项没有这些材料 / not materials of this service: ');
  });

  it('words 好差评 and the service guide', () => {
    expect(refusalText('rating', 'already-rated', {})).toBe('本次办理已评价（一次一评） / already rated');
    expect(refusalText('rating', 'storage', { detail: 'disk I/O error' })).toBe('评价保存失败 / could not save the evaluation: disk I/O error');
    expect(refusalText('catalog', 'catalog-unavailable', {})).toBe('事项清单尚未同步，请稍后再试或到窗口咨询 / The service list has not been downloaded yet.');
    expect(refusalText('catalog', 'printer', { reason: 'stopped' })).toBe('打印机暂时不能打印，请到窗口索取纸质指南 / the printer cannot print now; please ask at the counter for a printed guide');
  });

  it('words 办件进度查询 by its parameters, in China time, the printer’s failure by its code, and central’s refusals by their code, never its words', () => {
    expect(refusalText('followup', 'not-yours', {})).toBe(
      '打印通知书、结果或申请邮寄，请扫描回执上的二维码或刷本人身份证 / to print or have it posted, scan the QR code on your receipt or place your ID card',
    );
    expect(refusalText('followup', 'refused', { why: 'already-printed', printedAt: '2026-11-22T05:05:00Z' })).toBe(
      '结果文书已于 2026-11-22 13:05 打印，每份只能自助打印一次；如需补打请到窗口 / already printed at 2026-11-22 13:05; a result prints here once only — ask at the counter',
    );
    expect(refusalText('followup', 'refused', { why: 'result-printed' })).toBe('结果文书已打印过一次，不能重复打印 / the result was already printed once');
    expect(refusalText('followup', 'refused', { why: 'result-posted' })).toBe('已选择邮寄，结果文书不在本机打印 / postal delivery was chosen');
    expect(refusalText('followup', 'refused', { why: 'no-post' })).toBe('该案件暂不能选择邮寄（尚未办结或结果已打印） / postal delivery is not possible for this case now');
    expect(refusalText('followup', 'refused', { why: 'central', code: 'already-printed' })).toBe('结果文书已在自助终端打印，不能再邮寄 / the result was already printed at a kiosk');
    expect(refusalText('followup', 'refused', { why: 'central', code: 'not-concluded' })).toBe('案件尚未办结，暂不能邮寄 / the case is not concluded yet');
    expect(refusalText('followup', 'refused', { why: 'central', code: 'already-requested' })).toBe('该案件已申请邮寄 / postal delivery was already requested');
    expect(refusalText('followup', 'refused', { why: 'central', code: 'other', detail: '<b>central’s own words</b>' })).toBe(
      '中心系统拒绝了该请求，请到窗口办理 / central refused the request: please ask at the counter',
    );
    expect(refusalText('followup', 'not-found', { what: 'case' })).toBe('未找到该案件 / no such case');
    expect(refusalText('followup', 'not-found', { what: 'document' })).toBe('该文书不可自助打印 / no such printable document');
    expect(refusalText('followup', 'offline', { what: 'central' })).toBe('暂时无法连接中心系统，请稍后再试或到窗口办理 / central cannot be reached now: try later or ask at the counter');
    expect(refusalText('followup', 'offline', { what: 'document' })).toBe('文书尚未下载到本机且中心暂不可达，请稍后再试 / the document is not on this kiosk and central cannot be reached');
    expect(refusalText('followup', 'busy', {})).toBe('本机查询过于频繁，请稍后再试 / too many lookups at this kiosk: please try again later');
    expect(refusalText('followup', 'printer', { failure: 'stopped' })).toBe('A4 打印机已停止，请到窗口打印 / The A4 printer is stopped: please print at the counter.');
    expect(refusalText('followup', 'central', { why: 'document-check' })).toBe('文书校验失败，请到窗口领取 / the document failed verification: ask at the counter');
    // what central said in words is for the log, not the citizen
    expect(refusalText('followup', 'central', { why: 'answer', detail: 'bad request' })).toBe('中心系统拒绝了该请求，请到窗口办理 / central refused the request: please ask at the counter');
  });

  it('words every code central may refuse a postal delivery with, each in its own words in both languages', () => {
    const other = refusalText('followup', 'refused', { why: 'central', code: 'other' });
    const worded = POST_REFUSALS.map((code) => refusalText('followup', 'refused', { why: 'central', code }));
    for (const w of worded) expect(w).toMatch(/^[^/]*[\u4e00-\u9fff][^/]* \/ [a-z]/);
    expect(new Set([...worded, other]).size).toBe(POST_REFUSALS.length + 1);
  });

  it('words 帮办代办 sign-in with its parameters: tries left, whose lock, central’s reason', () => {
    expect(refusalText('helperSignIn', 'wrong-pin', { attemptsLeft: 2 })).toBe('密码不正确，还可尝试 2 次 / wrong PIN, 2 tries left');
    expect(refusalText('helperSignIn', 'locked', { scope: 'screen' })).toBe('本机输错次数过多，帮办登录已暂停，请稍后再试 / too many wrong PINs on this terminal: helper sign-in is paused for now');
    expect(refusalText('helperSignIn', 'locked', { scope: 'helper' })).toBe('输错次数过多，该帮办人员已被锁定，请稍后再试 / too many wrong PINs: this helper is locked out for now');
    expect(refusalText('helperCard', 'refused', { reason: 'HTTP 400' })).toBe('中心系统拒绝了登录请求，请联系管理员 / central refused the sign-in request (HTTP 400)');
    expect(refusalText('helperCard', 'unknown-card', {})).toBe('此卡不是已登记的帮办人员证件 / this card is not a registered helper’s card');
    expect(refusalText('helperCard', 'timeout', {})).toBe('未读到证件，请将证件放在读卡区 / no card read yet');
    expect(refusalText('helperCard', 'offline-no-ticket', {})).toContain('离线登录凭证（须先在本机联网登录一次）');
    expect(refusalText('helper', 'helper-only', {})).toBe('请帮办人员先登录 / helpers only: please sign in first');
    expect(refusalText('help', 'offline', {})).toBe('暂时连不上服务大厅，请稍后再试或拨打咨询电话 / cannot reach the service hall right now: try again later or call the hotline');
    expect(refusalText('help', 'busy', {})).toBe('已在视频帮办中 / already in a video call');
  });
});
