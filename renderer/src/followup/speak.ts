// Spoken prompts where the platform offers speech (Web Speech API); silent elsewhere. A new
// prompt cuts the previous one short, so the kiosk never talks over itself.
export function speak(text: string, lang: 'zh-CN' | 'en'): void {
  const synth = typeof window !== 'undefined' ? window.speechSynthesis : undefined;
  if (!synth || typeof SpeechSynthesisUtterance === 'undefined') return;
  try {
    synth.cancel();
    const u = new SpeechSynthesisUtterance(text);
    u.lang = lang === 'en' ? 'en-US' : 'zh-CN';
    u.rate = 0.9;
    synth.speak(u);
  } catch {
    // speech is a help, never a requirement
  }
}
