// The large touch button of the journey's steps, dialogs and panels (`btn-xl`: a target an
// elderly hand finds at once), in the weight of what it does: go on, step aside, or end a call.
import type { ReactNode } from 'react';
import { Icon, type IconName } from './Icon';

export function BigButton({
  kind,
  icon,
  onClick,
  disabled,
  testId,
  label,
}: {
  kind: 'primary' | 'secondary' | 'danger';
  icon?: IconName;
  onClick: () => void;
  disabled?: boolean;
  testId?: string;
  label: ReactNode;
}) {
  return (
    <button type="button" className={`btn btn-${kind} btn-xl`} disabled={disabled} onClick={onClick} data-testid={testId}>
      {icon && <Icon name={icon} />}
      {label}
    </button>
  );
}
