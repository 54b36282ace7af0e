import { useEffect, useRef, useSyncExternalStore } from 'react';
import { print, type DocumentNode } from 'graphql';
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { useSession } from './session';
import { keepSubscribed, type LiveStatus } from './client';

const printed = new WeakMap<DocumentNode, string>();
function printOnce(document: DocumentNode): string {
  let text = printed.get(document);
  if (text === undefined) {
    text = print(document);
    printed.set(document, text);
  }
  return text;
}

/**
 * Runs a subscription while the component is mounted and hands each event to `onEvent` (the
 * latest closure, so callers need not memoise it). `enabled: false` skips it, e.g. while the
 * schema does not have the field yet. `onGap` runs when the subscription had to be started again
 * (events may have been missed): the place to re-read.
 */
export function useSubscriptionEvents<Data, Variables extends Record<string, unknown>>(
  query: TypedDocumentNode<Data, Variables>,
  variables: Variables,
  onEvent: (data: Data) => void,
  enabled = true,
  onGap?: () => void,
): void {
  const { api } = useSession();
  const handlers = useRef({ onEvent, onGap });
  handlers.current = { onEvent, onGap };
  const key = JSON.stringify(variables);
  useEffect(() => {
    if (!enabled) return;
    return keepSubscribed<Data>(
      api.ws,
      { query: printOnce(query), variables: JSON.parse(key) as Record<string, unknown> },
      { data: (data) => handlers.current.onEvent(data), gap: () => handlers.current.onGap?.() },
    );
  }, [api, query, key, enabled]);
}

/** Calls `listener` after the WebSocket reconnects: events sent while it was down are lost. */
export function useOnReconnected(listener: () => void): void {
  const { api } = useSession();
  const latest = useRef(listener);
  latest.current = listener;
  useEffect(() => api.onReconnected(() => latest.current()), [api]);
}

export function useLiveStatus(): LiveStatus {
  const { api } = useSession();
  return useSyncExternalStore(api.live.subscribe, () => api.live.status);
}

/** Replaces the item with the same id, or puts a new one first; keeps at most `limit` items. */
export function upsertById<T extends { id: string }>(items: readonly T[], item: T, limit = Infinity): T[] {
  const index = items.findIndex((existing) => existing.id === item.id);
  if (index >= 0) return items.map((existing, i) => (i === index ? { ...existing, ...item } : existing));
  return [item, ...items].slice(0, limit);
}

/**
 * A list read once and kept current by events: an event wins over the read when it is at least
 * as new. Sorted newest change first.
 */
export function mergeLatest<T extends { id: string; updatedAt: string }>(read: readonly T[], events: readonly T[]): T[] {
  const byId = new Map<string, T>();
  for (const item of [...read, ...events]) {
    const known = byId.get(item.id);
    if (!known || Date.parse(item.updatedAt) >= Date.parse(known.updatedAt)) byId.set(item.id, item);
  }
  return [...byId.values()].sort((a, b) => Date.parse(b.updatedAt) - Date.parse(a.updatedAt));
}

/** The newer of two snapshots of one request (an event wins a tie: it was published after the read). */
export function newest<T extends { updatedAt: string }>(read: T | null | undefined, event: T | null | undefined): T | null {
  if (!read) return event ?? null;
  if (!event) return read;
  return Date.parse(event.updatedAt) >= Date.parse(read.updatedAt) ? event : read;
}
