import { describe, expect, it } from 'vitest';
import { isTokenRefusal } from '../client';

describe('isTokenRefusal', () => {
  it('is the gateway refusing the token at connection_init (4403)', () => {
    expect(isTokenRefusal({ code: 4403, reason: 'Forbidden: token expired' })).toBe(true);
  });

  it('is not a socket that merely dropped or closed for another reason', () => {
    expect(isTokenRefusal({ code: 1006, reason: '' })).toBe(false);
    expect(isTokenRefusal({ code: 4408, reason: 'Connection initialisation timeout' })).toBe(false);
    expect(isTokenRefusal(new Error('network'))).toBe(false);
    expect(isTokenRefusal(undefined)).toBe(false);
  });
});
