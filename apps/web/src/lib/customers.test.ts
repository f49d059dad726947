import { describe, expect, it } from 'vitest';
import { guessCustomerSearch } from './customers';

describe('guessCustomerSearch', () => {
  it('reads a USCC, an ID number, a phone number or a name', () => {
    expect(guessCustomerSearch(' 91110108ma01c9xk3c ')).toEqual({ uscc: '91110108MA01C9XK3C' });
    expect(guessCustomerSearch('110105199003071239')).toEqual({ idNumber: '110105199003071239' });
    expect(guessCustomerSearch('139 1234-5678')).toEqual({ phone: '13912345678' });
    expect(guessCustomerSearch('示范建设')).toEqual({ q: '示范建设' });
    expect(guessCustomerSearch('   ')).toBeUndefined();
  });

  it('treats an 18-character code with a wrong check character as a name, not a USCC', () => {
    expect(guessCustomerSearch('91110108MA01C9XK3D')).toEqual({ q: '91110108MA01C9XK3D' });
  });
});
