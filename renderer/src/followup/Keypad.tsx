// On-screen keys for the follow-up forms: receipt numbers (capitals, digits, "-"), digits only
// (phone, postcode), and common address characters as one-tap chips beside letters and digits.
import { useFollowupT } from './strings';

export type KeypadLayout = 'receipt' | 'digits' | 'address';

const DIGITS = '1234567890';
const LETTERS = ['QWERTYUIOP', 'ASDFGHJKL', 'ZXCVBNM'];
const ADDRESS_CHIPS = ['省', '市', '区', '县', '镇', '乡', '街道', '路', '街', '巷', '号', '村', '组', '小区', '栋', '幢', '单元', '室', '楼', '-'];

interface Props {
  layout: KeypadLayout;
  onKey: (text: string) => void;
  onDelete: () => void;
  onClear: () => void;
}

export function Keypad({ layout, onKey, onDelete, onClear }: Props) {
  const t = useFollowupT();
  const key = (k: string, label = k) => (
    <button key={k} type="button" className="fu-key" onClick={() => onKey(k)} data-key={k}>
      {label}
    </button>
  );
  return (
    <div className={`fu-keypad fu-keypad-${layout}`} role="group" aria-label={t.keypad} data-testid="fu-keypad">
      <div className="fu-key-row">{[...DIGITS].map((d) => key(d))}</div>
      {layout !== 'digits' &&
        LETTERS.map((row) => (
          <div key={row} className="fu-key-row">
            {[...row].map((l) => key(l))}
          </div>
        ))}
      {layout === 'address' && (
        <div className="fu-key-row fu-chips" lang="zh-CN">
          {ADDRESS_CHIPS.map((c) => key(c))}
        </div>
      )}
      <div className="fu-key-row">
        {layout === 'receipt' && key('-')}
        <button type="button" className="fu-key fu-key-wide" onClick={onDelete} data-key="delete">
          {t.keyDelete}
        </button>
        <button type="button" className="fu-key fu-key-wide" onClick={onClear} data-key="clear">
          {t.keyClear}
        </button>
      </div>
      {layout === 'address' && <p className="fu-hint">{t.imeHint}</p>}
    </div>
  );
}
