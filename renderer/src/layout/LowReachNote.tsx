import { Icon } from '../components/Icon';
import { useT } from '../i18n/useT';

/** In 低位操作 the upper part of the screen holds no control; this says why it is empty. */
export function LowReachNote() {
  const t = useT();
  return (
    <p className="low-reach-note" data-testid="low-reach-note">
      <Icon name="reach" />
      {t.lowReachNote}
    </p>
  );
}
