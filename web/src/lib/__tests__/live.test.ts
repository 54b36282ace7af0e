import { describe, expect, it } from 'vitest';
import { coordinatesOf, capabilitiesFrom } from '../capabilities';
import { mergeLatest, newest, upsertById } from '../live';
import { nextCursors } from '../paging';
import { readStoredSession } from '../session';

const at = (minute: number) => `2026-11-22T10:${String(minute).padStart(2, '0')}:00Z`;

describe('live merging', () => {
  it('mergeLatest: an event replaces an older read, never a newer one; newest first', () => {
    const read = [
      { id: 'a', state: 'REQUESTED', updatedAt: at(1) },
      { id: 'b', state: 'TRAINING', updatedAt: at(5) },
    ];
    const events = [
      { id: 'a', state: 'APPROVED', updatedAt: at(3) },
      { id: 'b', state: 'APPROVED', updatedAt: at(2) },
      { id: 'c', state: 'REQUESTED', updatedAt: at(4) },
    ];
    expect(mergeLatest(read, events).map((i) => `${i.id}:${i.state}`)).toEqual(['b:TRAINING', 'c:REQUESTED', 'a:APPROVED']);
  });

  it('newest: the event wins a tie', () => {
    const read = { id: 'a', progress: 0.2, updatedAt: at(1) };
    expect(newest(read, { ...read, progress: 0.4 })?.progress).toBe(0.4);
    expect(newest(read, { ...read, progress: 0.1, updatedAt: at(0) })?.progress).toBe(0.2);
    expect(newest(null, read)).toBe(read);
    expect(newest(undefined, null)).toBeNull();
  });

  it('upsertById: replaces in place or puts new items first, within a limit', () => {
    const list = [
      { id: 'a', n: 1 },
      { id: 'b', n: 2 },
    ];
    expect(upsertById(list, { id: 'b', n: 3 })).toEqual([
      { id: 'a', n: 1 },
      { id: 'b', n: 3 },
    ]);
    expect(upsertById(list, { id: 'c', n: 4 }, 2)).toEqual([
      { id: 'c', n: 4 },
      { id: 'a', n: 1 },
    ]);
  });
});

describe('capabilities from the introspected schema', () => {
  const data = {
    __schema: {
      queryType: { fields: [{ name: 'me' }, { name: 'modelRequests' }] },
      mutationType: { fields: [{ name: 'login' }] },
      subscriptionType: { fields: [{ name: 'modelRequestChanged' }] },
    },
    modelRequestType: { fields: [{ name: 'id' }] },
  };

  it('lists Type.field coordinates and says what is missing', () => {
    const capabilities = capabilitiesFrom(coordinatesOf(data));
    expect(capabilities.has('Query.modelRequests', 'Subscription.modelRequestChanged')).toBe(true);
    expect(capabilities.has('ModelRequest.targets')).toBe(false);
    expect(capabilities.notices).toBe(false);
    expect(capabilities.targets).toBe(false);
    expect(capabilities.myRequests).toBe(false);
  });

  it('assumes everything when introspection failed (errors then decide)', () => {
    expect(capabilitiesFrom(null).notices).toBe(true);
  });
});

describe('paging and session storage', () => {
  it('nextCursors keeps the cursors of pages seen', () => {
    expect(nextCursors([null], 'c1')).toEqual([null, 'c1']);
    expect(nextCursors([null, 'c1'], null)).toEqual([null, 'c1']);
  });

  it('readStoredSession ignores expired or malformed sessions', () => {
    const now = Date.parse(at(30));
    const store = (value: string | null) => ({ getItem: () => value });
    expect(readStoredSession(store(JSON.stringify({ token: 't', expiresAt: at(45) })), now)).toEqual({ token: 't', expiresAt: at(45) });
    expect(readStoredSession(store(JSON.stringify({ token: 't', expiresAt: at(15) })), now)).toBeNull();
    expect(readStoredSession(store('{not json'), now)).toBeNull();
    expect(readStoredSession(store(JSON.stringify({ token: 1 })), now)).toBeNull();
    expect(readStoredSession(store(null), now)).toBeNull();
  });
});
