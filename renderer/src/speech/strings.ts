// Words of the speech controls (Chinese first; English has every key).
import { useSession } from '../session/SessionContext';

const zh = {
  group: '语音播报',
  speechOn: '语音播报',
  speechOnState: '已开启',
  speechOffState: '已关闭',
  repeat: '再听一遍',
  volumeDown: '音量减小',
  volumeUp: '音量增大',
  volumeLevel: (level: number, of: number) => `音量 ${level}/${of}`,
};

const en: typeof zh = {
  group: 'Spoken guidance',
  speechOn: 'Speech',
  speechOnState: 'on',
  speechOffState: 'off',
  repeat: 'Say again',
  volumeDown: 'Quieter',
  volumeUp: 'Louder',
  volumeLevel: (level, of) => `Volume ${level} of ${of}`,
};

export function useSpeechT(): typeof zh {
  return useSession().state.lang === 'en' ? en : zh;
}
