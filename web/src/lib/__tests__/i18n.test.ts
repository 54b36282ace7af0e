import { describe, expect, it } from 'vitest';
import { storedLocale, translate } from '../i18n';
import { en, ko } from '../messages';

describe('translate', () => {
  it('uses the locale text', () => {
    expect(translate('ko', 'login.submit')).toBe('로그인');
    expect(translate('en', 'login.submit')).toBe('Sign in');
  });

  it('falls back to English, then to the key', () => {
    const sources = { ko: {}, en: { 'login.submit': 'Sign in' } };
    expect(translate('ko', 'login.submit', undefined, sources)).toBe('Sign in');
    expect(translate('ko', 'no.such.key', undefined, sources)).toBe('no.such.key');
  });

  it('fills placeholders and leaves unknown ones visible', () => {
    expect(translate('ko', 'modelDetail.queueValue', { position: 3 })).toBe('학습 대기열 3번째');
    expect(translate('en', 'targets.bytes', { bytes: 14 })).toBe('14 / {max} bytes');
  });

  it('has no Korean key that English lacks, and Korean keeps the placeholders', () => {
    for (const [key, text] of Object.entries(ko)) {
      expect(en, key).toHaveProperty(key);
      const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
      expect(placeholders(text!), key).toEqual(placeholders(en[key as keyof typeof en]));
    }
  });
});

describe('storedLocale', () => {
  it('defaults to Korean', () => {
    expect(storedLocale(undefined)).toBe('ko');
    expect(storedLocale({ getItem: () => null })).toBe('ko');
    expect(storedLocale({ getItem: () => 'fr' })).toBe('ko');
  });

  it('returns a remembered locale', () => {
    expect(storedLocale({ getItem: () => 'en' })).toBe('en');
  });

  it('survives storage that throws', () => {
    expect(
      storedLocale({
        getItem: () => {
          throw new Error('denied');
        },
      }),
    ).toBe('ko');
  });
});
