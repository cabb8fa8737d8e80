import type { ReactNode } from 'react';
import { Icon, type IconName } from '../components/Icon';
import { HelpButtons } from '../help/HelpButtons';
import { STRINGS } from '../i18n/strings';
import { useT } from '../i18n/useT';
import { useSession } from '../session/SessionContext';
import { LARGEST_TEXT, type Lang, type TextSize } from '../session/session';
import { SpeechControls } from '../speech/SpeechControls';

function NavButton(props: { icon: IconName; label: string; sub?: { text: string; lang: Lang }; lang?: Lang; name?: string; pressed?: boolean; onClick: () => void; testId: string }): ReactNode {
  return (
    <button type="button" className="btn btn-nav" lang={props.lang} aria-label={props.name} aria-pressed={props.pressed} onClick={props.onClick} data-testid={props.testId}>
      <Icon name={props.pressed ? 'check' : props.icon} />
      <span className="btn-label">
        {props.label}
        {props.sub && (
          <span className="btn-sub" lang={props.sub.lang}>
            {props.sub.text}
          </span>
        )}
      </span>
    </button>
  );
}

const nextStep = (s: TextSize): TextSize => (s >= LARGEST_TEXT ? 1 : ((s + 1) as TextSize));

/** The bottom bar: the same controls, in the same place, on every screen. Back and Home
 *  carry both languages so a visitor who reads only one still finds them. The display
 *  switches sit together on the right; 大字 turns large text on and off, and while it is on
 *  字号 steps through the three sizes (so a second tap on 大字 always means "off"). */
export function NavBar() {
  const t = useT();
  const { state, screen, dispatch } = useSession();
  const { textSize, highContrast, lowReach } = state.display;
  const otherLang: Lang = state.lang === 'zh-CN' ? 'en' : 'zh-CN';
  const other = STRINGS[otherLang];
  return (
    <nav className="navbar" aria-label={t.navLabel}>
      {screen.kind !== 'attract' && (
        <div className="navbar-group">
          <NavButton icon="back" label={t.back} sub={{ text: other.back, lang: otherLang }} onClick={() => dispatch({ type: 'back' })} testId="nav-back" />
          <NavButton icon="home" label={t.home} sub={{ text: other.home, lang: otherLang }} onClick={() => dispatch({ type: 'home' })} testId="nav-home" />
        </div>
      )}
      <div className="navbar-group navbar-assist" data-testid="navbar-assist">
        <HelpButtons />
        <SpeechControls />
      </div>
      <div className="navbar-group navbar-display" role="group" aria-label={t.displayLabel} data-testid="navbar-display">
        <NavButton icon="text" label={t.largeText} pressed={textSize > 0} onClick={() => dispatch({ type: 'display', value: { textSize: textSize > 0 ? 0 : 1 } })} testId="toggle-large-text" />
        {textSize > 0 && (
          <NavButton
            icon="larger"
            label={t.textLarger(textSize)}
            sub={{ text: t.textLargerHint, lang: state.lang }}
            onClick={() => dispatch({ type: 'display', value: { textSize: nextStep(textSize) } })}
            testId="text-larger"
          />
        )}
        <NavButton icon="contrast" label={t.highContrast} pressed={highContrast} onClick={() => dispatch({ type: 'display', value: { highContrast: !highContrast } })} testId="toggle-high-contrast" />
        <NavButton icon="reach" label={t.lowReach} pressed={lowReach} onClick={() => dispatch({ type: 'display', value: { lowReach: !lowReach } })} testId="toggle-low-reach" />
        <NavButton icon="globe" label={t.switchLang} lang={otherLang} onClick={() => dispatch({ type: 'lang', value: otherLang })} testId="toggle-language" />
      </div>
    </nav>
  );
}
