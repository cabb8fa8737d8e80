// Interface text of 帮办代办 (Chinese first; English has every key).
import { CASE_STATUS_LABELS } from '../../../common/case-status-labels';
import { useSession } from '../session/SessionContext';

const zh = {
  entry: '帮办代办人员登录',
  signInTitle: '帮办代办人员登录',
  placeCard: '请将帮办人员本人的身份证放在读卡区',
  waitingCard: '正在等待读卡…',
  unknownCard: '此卡不是已登记的帮办人员证件。居民本人办理请返回，点“开始办理”。',
  offlineNoTicket: '暂时无法连接中心系统。离线时只有今日已在本机联网登录过的帮办人员可以登录，请联网后再试。',
  offlineTitle: (name: string) => `${name}，中心系统暂不可达`,
  offlineLead: (until: string) => `可凭本人证件和本机的离线登录凭证登录（有效至 ${until}），离线时不核验密码；联网后中心将复核。`,
  offlineSignIn: '凭证件离线登录',
  refused: '中心系统拒绝了登录请求，请联系管理员。',
  hello: (name: string) => `${name}，请输入登录密码`,
  pinDots: '请输入 6–12 位密码',
  wrongPin: (left: number) => `密码不正确，还可尝试 ${left} 次`,
  locked: (until: string) => `输错次数过多，该帮办人员已锁定至 ${until}，请稍后再试`,
  noCard: '读卡已超时，请重新放置证件',
  clear: '清除',
  del: '删除',
  ok: '确定',
  cancel: '取消',
  otherCard: '换一张卡',
  unreachable: '无法连接后台，请稍后再试',
  bar: (name: string, id: string) => `帮办代办模式 · ${name}（工号 ${id}）`,
  barHint: '请读取申请人身份证后为其办理；申请人须在屏幕上签名授权。',
  myCases: '我的代办件',
  signOut: '退出登录',
  signedOutIdle: '帮办人员长时间未操作，已自动退出登录',
  casesTitle: '我的代办件',
  casesLead: '本终端上由您代办的申请，以及需要带回补正的材料。',
  casesAsOf: (at: string | null) => (at ? `状态更新于 ${at}` : '本机尚未从中心取得过状态'),
  noCases: '您在本终端还没有代办的申请。',
  receiptNo: '回执编号',
  applicant: '申请人',
  service: '事项',
  submittedAt: '提交时间',
  status: '状态',
  pendingUpload: '已在本机提交，正在上传到中心',
  dead: '上传失败，待技术人员处理',
  bringBack: '需带回补正的材料',
  deadline: (d: string) => `期限：${d}`,
  statusLabel: CASE_STATUS_LABELS.zh,
  loading: '正在加载…',
  back: '返回',
};

export type HelperStrings = typeof zh;

const en: HelperStrings = {
  entry: 'Township helper sign-in',
  signInTitle: 'Township helper sign-in',
  placeCard: 'Place the helper’s own ID card on the reader',
  waitingCard: 'Waiting for the card…',
  unknownCard: 'This card is not a registered helper’s. Residents applying for themselves: go back and tap Start.',
  offlineNoTicket: 'Central cannot be reached. Offline, only helpers who signed in online at this terminal today can sign in; try again once online.',
  offlineTitle: (name: string) => `${name}, central cannot be reached`,
  offlineLead: (until: string) => `You can sign in with your card and this terminal’s offline ticket (valid until ${until}); the PIN is not checked offline, and central re-checks later.`,
  offlineSignIn: 'Sign in offline with the card',
  refused: 'Central refused the sign-in request; please call the administrator.',
  hello: (name: string) => `${name}, enter your PIN`,
  pinDots: 'Enter your 6–12 digit PIN',
  wrongPin: (left: number) => `Wrong PIN, ${left} attempt(s) left`,
  locked: (until: string) => `Too many wrong PINs: this helper is locked until ${until}`,
  noCard: 'The card read timed out; place the card again',
  clear: 'Clear',
  del: 'Delete',
  ok: 'OK',
  cancel: 'Cancel',
  otherCard: 'Use another card',
  unreachable: 'The kiosk backend cannot be reached; try again shortly',
  bar: (name: string, id: string) => `Helper mode · ${name} (staff no. ${id})`,
  barHint: 'Read the resident’s ID card, then apply for them; the resident signs the authorisation on screen.',
  myCases: 'My cases',
  signOut: 'Sign out',
  signedOutIdle: 'The helper was signed out after a period without activity',
  casesTitle: 'My assisted cases',
  casesLead: 'Applications you submitted for residents at this terminal, and the corrections to bring back.',
  casesAsOf: (at: string | null) => (at ? `Status as of ${at}` : 'No status from central yet'),
  noCases: 'You have not submitted any applications at this terminal yet.',
  receiptNo: 'Receipt no.',
  applicant: 'Applicant',
  service: 'Service',
  submittedAt: 'Submitted',
  status: 'Status',
  pendingUpload: 'Submitted here, uploading to central',
  dead: 'Upload failed; a technician will handle it',
  bringBack: 'Corrections to bring back',
  deadline: (d: string) => `Deadline: ${d}`,
  statusLabel: CASE_STATUS_LABELS.en,
  loading: 'Loading…',
  back: 'Back',
};

export const HELPER_STRINGS = { 'zh-CN': zh, en } as const;

export function useHelperT(): HelperStrings {
  return HELPER_STRINGS[useSession().state.lang];
}

/** "2026-11-22T05:05:00Z" → "2026-11-22 13:05" (China time). */
export { chinaDateTime as chinaTime } from '../../../common/china-time';
