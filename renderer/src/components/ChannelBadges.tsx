import type { Channel } from '../../../common/catalog';
import { useT } from '../i18n/useT';

export function ChannelBadges({ channels }: { channels: readonly Channel[] }) {
  const t = useT();
  return (
    <ul className="badges">
      {channels.map((c) => (
        <li key={c} className={`badge badge-channel badge-${c}`}>
          {t.channel[c]}
        </li>
      ))}
    </ul>
  );
}
