import { useCallback } from 'react';
import { api } from './api';
import { send } from './call';
import { CatalogProvider } from './catalog/CatalogContext';
import { DevPanelSlot } from './devtools/DevPanelSlot';
import { PostalScreen } from './followup/PostalScreen';
import { ProgressCasesScreen } from './followup/ProgressCasesScreen';
import { ProgressQueryScreen } from './followup/ProgressQueryScreen';
import { IdleDialog } from './idle/IdleDialog';
import { ApplyScreen } from './journey/ApplyScreen';
import { useIdleTimer } from './idle/useIdleTimer';
import { useCallActive } from './help/call-activity';
import { STRINGS } from './i18n/strings';
import { Footer } from './layout/Footer';
import { Header } from './layout/Header';
import { HelperBar } from './helper/HelperBar';
import { HelperCasesScreen } from './helper/HelperCasesScreen';
import { HelperSignInScreen } from './helper/HelperSignInScreen';
import { MaintenanceMode } from './maintenance/MaintenanceMode';
import { LowReachNote } from './layout/LowReachNote';
import { NavBar } from './layout/NavBar';
import { AttractScreen } from './screens/AttractScreen';
import { GuideScreen } from './screens/GuideScreen';
import { HomeScreen } from './screens/HomeScreen';
import { SearchScreen } from './screens/SearchScreen';
import { ServiceListScreen } from './screens/ServiceListScreen';
import { SessionProvider, useSession } from './session/SessionContext';
import { SpeechProvider } from './speech/SpeechContext';
import type { Screen } from './session/session';
import { SystemProvider, useSystem, type SystemInfo } from './system/SystemContext';

function ScreenView({ screen }: { screen: Screen }) {
  switch (screen.kind) {
    case 'attract':
      return <AttractScreen />;
    case 'home':
      return <HomeScreen tab={screen.tab} />;
    case 'list':
      return <ServiceListScreen by={screen.by} id={screen.id} />;
    case 'search':
      return <SearchScreen />;
    case 'guide':
      return <GuideScreen code={screen.code} />;
    case 'progress':
      return <ProgressQueryScreen />;
    case 'progress-cases':
      return <ProgressCasesScreen lookup={screen.by === 'card' ? { by: 'card' } : { by: 'receipt', receiptNo: screen.receiptNo }} />;
    case 'postal':
      return <PostalScreen receiptNo={screen.receiptNo} />;
    case 'helper-sign-in':
      return <HelperSignInScreen />;
    case 'apply':
      return <ApplyScreen code={screen.code} />;
    case 'helper-cases':
      return <HelperCasesScreen />;
  }
}

function Kiosk({ info }: { info: SystemInfo }) {
  const { state, screen, dispatch } = useSession();
  const defaultLang = info.config.language;
  const onExpire = useCallback(() => {
    // The reset happens even if the backend cannot be told: the next citizen must not see this session.
    void send(api.system.session.end.$post({ json: { reason: 'idle' } }));
    dispatch({ type: 'reset', lang: defaultLang });
  }, [dispatch, defaultLang]);
  // held while a video call with the hall is placed, queued or connected (help/call-activity.ts)
  const callActive = useCallActive();
  const idle = useIdleTimer(screen.kind !== 'attract' && !callActive, info.config.idle, onExpire);

  return (
    <div className={`app screen-${screen.kind}`}>
      <Header />
      <HelperBar idleSec={info.config.helperIdleSignOutSec} />
      {state.display.lowReach && <LowReachNote />}
      <main id="main" className="app-main" key={`${state.generation}-${state.stack.length}`} data-screen={screen.kind}>
        <ScreenView screen={screen} />
      </main>
      <div className="app-bottom">
        <NavBar />
        <Footer />
      </div>
      {idle.phase.kind === 'warning' && <IdleDialog secondsLeft={idle.phase.secondsLeft} onContinue={idle.keepAlive} />}
      <DevPanelSlot enabled={info.config.devTools} />
      <MaintenanceMode defaultLang={defaultLang} />
    </div>
  );
}

/** Before the backend answers there is no config (language, idle timings): show a plain wait. */
function Waiting() {
  const { unreachable } = useSystem();
  const zh = STRINGS['zh-CN'];
  const en = STRINGS.en;
  return (
    <main className="boot" data-testid="boot">
      <h1>{zh.appTitle}</h1>
      <p>{unreachable ? `${zh.backendDownTitle}。${zh.backendDownBody}` : zh.loading}</p>
      <p lang="en">{unreachable ? `${en.backendDownTitle}. ${en.backendDownBody}` : en.loading}</p>
    </main>
  );
}

function Root() {
  const { info } = useSystem();
  if (!info) return <Waiting />;
  return (
    <SessionProvider defaultLang={info.config.language}>
      <SpeechProvider defaults={info.config.speech}>
        <CatalogProvider>
          <Kiosk info={info} />
        </CatalogProvider>
      </SpeechProvider>
    </SessionProvider>
  );
}

export function App() {
  return (
    <SystemProvider>
      <Root />
    </SystemProvider>
  );
}
