import { describe, expect, it } from 'vitest';
import { formatScrypt, parseScrypt } from './scrypt-format';

describe('scrypt text form', () => {
  it('reads back what it writes', () => {
    const s = formatScrypt({ N: 16384, r: 8, p: 1 }, 'c2FsdA', 'aGFzaA');
    expect(s).toBe('scrypt$16384$8$1$c2FsdA$aGFzaA');
    expect(parseScrypt(s)).toEqual({ N: 16384, r: 8, p: 1, salt: 'c2FsdA', hash: 'aGFzaA' });
  });

  it('refuses other forms and a cost nobody should be made to compute', () => {
    expect(parseScrypt('bcrypt$16384$8$1$c2FsdA$aGFzaA')).toBeNull();
    expect(parseScrypt('scrypt$16384$8$1$c2FsdA')).toBeNull();
    expect(parseScrypt('scrypt$0$8$1$c2FsdA$aGFzaA')).toBeNull();
    expect(parseScrypt('scrypt$1.5$8$1$c2FsdA$aGFzaA')).toBeNull();
    expect(parseScrypt(`scrypt$${2 ** 21}$8$1$c2FsdA$aGFzaA`)).toBeNull();
  });
});
