import { describe, expect, it } from 'vitest';
import { eucKrByteLength, isEucKrEncodable, MIDAS_LMS_MAX_BYTES } from '../bytes';

describe('eucKrByteLength (MIDAS LMS byte counter)', () => {
  it('counts ASCII as one byte each, newlines included', () => {
    expect(eucKrByteLength('Hello, MIDAS!\n').bytes).toBe(14);
  });

  it('counts Hangul syllables as two bytes each', () => {
    expect(eucKrByteLength('안녕하세요').bytes).toBe(10);
  });

  it('adds mixed text up per character', () => {
    expect(eucKrByteLength('안녕하세요 ABC').bytes).toBe(14);
    expect(eucKrByteLength('[광고] 5GB 데이터 무료!').bytes).toBe(1 + 4 + 1 + 1 + 3 + 1 + 6 + 1 + 4 + 1);
  });

  it('counts Hangul jamo, Hanja and full-width symbols as two bytes', () => {
    expect(eucKrByteLength('ㄱㅏ').bytes).toBe(4);
    expect(eucKrByteLength('韓國').bytes).toBe(4);
    expect(eucKrByteLength('※☎').bytes).toBe(4);
  });

  it('reports characters EUC-KR cannot encode (emoji, syllables outside KS X 1001) once each', () => {
    const count = eucKrByteLength('할인 🎉🎉 🙂');
    expect(count.unsupported).toEqual(['🎉', '🙂']);
    expect(count.bytes).toBe(4 + 1 + 2 + 2 + 1 + 2);
    expect(eucKrByteLength('똠방각하 힣').unsupported).toEqual(['똠', '힣']);
    expect(isEucKrEncodable('가')).toBe(true);
    expect(isEucKrEncodable('힝')).toBe(true);
    expect(isEucKrEncodable('A')).toBe(true);
  });

  it('is empty for empty text', () => {
    expect(eucKrByteLength('')).toEqual({ bytes: 0, unsupported: [] });
  });

  it('reaches the 2,000 byte limit at 1,000 Hangul syllables', () => {
    expect(MIDAS_LMS_MAX_BYTES).toBe(2000);
    expect(eucKrByteLength('가'.repeat(1000)).bytes).toBe(2000);
    expect(eucKrByteLength('가'.repeat(1000) + 'a').bytes).toBe(2001);
  });
});
