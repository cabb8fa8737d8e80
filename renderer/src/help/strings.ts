// Interface text of 视频帮办 and 呼叫帮助 (Chinese first; English has every key).
import { useSession } from '../session/SessionContext';

const zh = {
  videoHelp: '视频帮办',
  callForHelp: '呼叫帮助',
  close: '关闭',

  consentTitle: '视频帮办：请先确认',
  consentLead: '大厅工作人员会通过视频和您通话，一步一步教您操作。提交仍由您本人在本机完成，工作人员不能替您提交。',
  consentCamera: '工作人员可以看到和听到我（打开本机摄像头和麦克风）',
  consentScreen: '工作人员可以看到本机屏幕上的按钮和标题（看不到身份证号码和您填写的内容）',
  consentNoRecording: '通话不录音、不录像。',
  consentStart: '同意并呼叫',
  consentVoiceOnly: '只通话，不开摄像头',
  cancel: '取消',

  placing: '正在呼叫服务大厅…',
  waitingTitle: '正在排队，请稍候',
  position: (n: number) => `您前面还有 ${n - 1} 人`,
  estimate: (min: number) => `预计等待约 ${min} 分钟`,
  firstInLine: '马上为您接通',
  leaveNumber: '不想等了？留下电话，工作人员会回拨给您',
  hangUpWaiting: '取消呼叫',

  connecting: '工作人员已接听，正在连接…',
  connected: (name: string | null) => (name ? `正在与工作人员 ${name} 通话` : '正在与工作人员通话'),
  sharedScreen: '工作人员能看到本屏的按钮和标题',
  staffPointed: '工作人员指的是这里',
  hangUp: '挂断',
  reconnecting: '网络不稳定，正在重新连接…',

  endedStaff: '工作人员已挂断。您可以继续操作。',
  endedCitizen: '通话已结束。您可以继续操作。',
  connectionLost: '网络中断，视频通话已断开。您填写的内容都还在，可以继续操作，或再次呼叫。',
  offline: (hotline: string) => `暂时连不上服务大厅。请稍后再试，或拨打咨询电话 ${hotline}。`,
  noCamera: '本机摄像头或麦克风不能使用，暂时无法视频帮办。',

  missedTitle: '工作人员暂时都在忙',
  missedLead: '留下您的电话号码，工作人员会尽快回拨给您。号码只用于回拨，回拨后即删除。',
  phoneLabel: '手机号码或带区号的固定电话',
  phoneInvalid: '请输入 11 位手机号码，或带区号的固定电话',
  keyDelete: '删除',
  submitNumber: '请工作人员回拨',
  callbackFailed: '号码没能送到服务大厅，请稍后再试或拨打咨询电话。',
  callbackDone: (hotline: string) => `好的，工作人员会回拨给您。着急的话也可以拨打 ${hotline}。`,

  helpComing: '已通知大厅工作人员，工作人员正在赶来，请在本机旁稍候。',
  helpNobody: (hotline: string) => `现在没有值班的工作人员。请拨打咨询电话 ${hotline}，或使用“视频帮办”。`,
  helpOffline: (hotline: string) => `暂时无法通知大厅。请拨打咨询电话 ${hotline}。`,
  asking: '正在通知工作人员…',
};

type HelpStrings = { [K in keyof typeof zh]: (typeof zh)[K] extends (...a: infer A) => string ? (...a: A) => string : string };

const en: HelpStrings = {
  videoHelp: 'Video help',
  callForHelp: 'Call for help',
  close: 'Close',

  consentTitle: 'Video help: please confirm',
  consentLead: 'A member of staff at the service hall will talk with you by video and guide you step by step. You still submit yourself, at this kiosk: staff cannot submit for you.',
  consentCamera: 'Staff may see and hear me (turns on this kiosk’s camera and microphone)',
  consentScreen: 'Staff may see the buttons and titles on this screen (never your ID number or what you typed)',
  consentNoRecording: 'Nothing is recorded.',
  consentStart: 'Agree and call',
  consentVoiceOnly: 'Voice only, no camera',
  cancel: 'Cancel',

  placing: 'Calling the service hall…',
  waitingTitle: 'You are in the queue',
  position: (n: number) => `${n - 1} ${n - 1 === 1 ? 'person' : 'people'} ahead of you`,
  estimate: (min: number) => `About ${min} min to wait`,
  firstInLine: 'You are next',
  leaveNumber: 'Can’t wait? Leave a phone number and staff will call you back',
  hangUpWaiting: 'Cancel the call',

  connecting: 'Staff answered, connecting…',
  connected: (name: string | null) => (name ? `Talking with ${name}` : 'Talking with staff'),
  sharedScreen: 'Staff can see the buttons and titles on this screen',
  staffPointed: 'Staff are pointing here',
  hangUp: 'Hang up',
  reconnecting: 'The network is unstable, reconnecting…',

  endedStaff: 'Staff ended the call. You can carry on.',
  endedCitizen: 'The call has ended. You can carry on.',
  connectionLost: 'The network dropped and the video call was cut off. Everything you entered is still here: carry on, or call again.',
  offline: (hotline: string) => `Cannot reach the service hall right now. Try again later or call the hotline ${hotline}.`,
  noCamera: 'This kiosk’s camera or microphone cannot be used: video help is not available right now.',

  missedTitle: 'All staff are busy right now',
  missedLead: 'Leave your phone number and staff will call you back soon. The number is used only for the callback and deleted after it.',
  phoneLabel: 'Mobile number, or landline with area code',
  phoneInvalid: 'Enter an 11-digit mobile number or a landline with its area code',
  keyDelete: 'Delete',
  submitNumber: 'Ask staff to call me back',
  callbackFailed: 'The number did not reach the service hall: try again later or call the hotline.',
  callbackDone: (hotline: string) => `Staff will call you back. If it is urgent, call ${hotline}.`,

  helpComing: 'The service hall has been told: a member of staff is on the way. Please wait at this kiosk.',
  helpNobody: (hotline: string) => `No staff are on duty right now. Please call the hotline ${hotline}, or use “Video help”.`,
  helpOffline: (hotline: string) => `The service hall cannot be told right now. Please call the hotline ${hotline}.`,
  asking: 'Telling the staff…',
};

export const HELP_STRINGS = { 'zh-CN': zh as HelpStrings, en } as const;

export function useHelpT(): HelpStrings {
  return HELP_STRINGS[useSession().state.lang];
}
