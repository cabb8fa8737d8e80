import type { ReactNode } from 'react';
import { Icon, type IconName } from '../components/Icon';
import { HelpButtons } from '../help/HelpButtons';
import { STRINGS } from '../i18n/strings';
import { useT } from '../i18n/useT';
import { useSession } from '../session/SessionContext';
import type { Lang } from '../session/session';
import { SpeechControls } from '../speech/SpeechControls';

function NavButton(props: { icon: IconName; label: string; sub?: { text: string; lang: Lang }; lang?: Lang; pressed?: boolean; onClick: () => void; testId: string }): ReactNode {
  return (
    <button type="button" className="btn btn-nav" lang={props.lang} aria-pressed={props.pressed} onClick={props.onClick} data-testid={props.testId}>
      <Icon name={props.icon} />
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

/** The bottom bar: the same controls, in the same place, on every screen. Back and Home
 *  carry both languages so a visitor who reads only one still finds them. */
export function NavBar() {
  const t = useT();
  const { state, screen, dispatch } = useSession();
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
      <div className="navbar-group navbar-end">
        <HelpButtons />
        <SpeechControls />
        <NavButton
          icon="text"
          label={t.largeText}
          sub={{ text: other.largeText, lang: otherLang }}
          pressed={state.largeText}
          onClick={() => dispatch({ type: 'largeText', value: !state.largeText })}
          testId="toggle-large-text"
        />
        <NavButton icon="globe" label={t.switchLang} lang={otherLang} onClick={() => dispatch({ type: 'lang', value: otherLang })} testId="toggle-language" />
      </div>
    </nav>
  );
}
