/**
 * MIDAS sends LMS in EUC-KR and limits a message to 2,000 bytes, and the targets service counts
 * the same way (SPEC §4, TargetRequestValidator): ASCII is one byte, every character of KS X 1001
 * (the 2,350 common Hangul syllables, jamo, Hanja, symbols) two. A character EUC-KR has no code
 * for (an emoji, a rare syllable such as 똠) cannot be sent at all: it is counted as two bytes and
 * reported, so the form can say so before the server refuses it.
 */
export const MIDAS_LMS_MAX_BYTES = 2000;

export interface ByteCount {
  bytes: number;
  /** Distinct characters that EUC-KR cannot encode, in order of appearance. */
  unsupported: string[];
}

let repertoire: Set<string> | null | undefined;

/**
 * The two-byte characters of EUC-KR, read once from the platform's own decoder: every lead and
 * trail byte pair in 0xA1–0xFE (KS X 1001). Null where the platform has no EUC-KR decoder; then
 * every non-ASCII character of the Basic Multilingual Plane counts as encodable.
 */
function eucKrRepertoire(): Set<string> | null {
  if (repertoire !== undefined) return repertoire;
  try {
    const decoder = new TextDecoder('euc-kr', { fatal: false });
    const characters = new Set<string>();
    const pair = new Uint8Array(2);
    for (let lead = 0xa1; lead <= 0xfe; lead += 1) {
      for (let trail = 0xa1; trail <= 0xfe; trail += 1) {
        pair[0] = lead;
        pair[1] = trail;
        const character = decoder.decode(pair);
        if (character.length === 1 && character !== '\ufffd') characters.add(character);
      }
    }
    repertoire = characters.size > 0 ? characters : null;
  } catch {
    repertoire = null;
  }
  return repertoire;
}

export function isEucKrEncodable(character: string): boolean {
  const code = character.codePointAt(0)!;
  if (code < 0x80) return true;
  const known = eucKrRepertoire();
  return known ? known.has(character) : code <= 0xffff;
}

export function eucKrByteLength(text: string): ByteCount {
  let bytes = 0;
  const unsupported: string[] = [];
  for (const character of text) {
    if (character.codePointAt(0)! < 0x80) {
      bytes += 1;
      continue;
    }
    bytes += 2;
    if (!isEucKrEncodable(character) && !unsupported.includes(character)) unsupported.push(character);
  }
  return { bytes, unsupported };
}
