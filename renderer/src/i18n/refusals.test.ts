import { describe, expect, it } from 'vitest';
import { bilingual, CARD_PROBLEM_TEXT, refusalText } from './refusals';

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

  it('leaves codes it does not word to the message the backend sent', () => {
    expect(refusalText('journey', 'wrong-pin', {})).toBeNull();
    expect(refusalText('journey', 'toString', {})).toBeNull();
    expect(refusalText('toString', 'no-card', {})).toBeNull();
    expect(refusalText('journey', 'storage', {})).toBeNull();
  });

  it("words a code by the area that gave it: the same code elsewhere is not the journey's sentence", () => {
    expect(refusalText('journey', 'no-card', {})).toBe('请先在读卡区放置身份证 / please place your ID card on the reader first');
    expect(refusalText('helperSignIn', 'no-card', {})).toBeNull();
    expect(refusalText(undefined, 'no-card', {})).toBeNull();
    expect(refusalText('no-such-area', 'no-card', {})).toBeNull();
  });
});
