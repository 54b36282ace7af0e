import { createContext, useCallback, useContext, useEffect, useRef, useState, type ReactNode } from 'react';
import { useClient } from 'urql';
import { useCapabilities } from './capabilities';
import { useOnReconnected, useSubscriptionEvents } from './live';
import { NOTICE_RECEIVED, UNREAD_NOTICE_COUNT } from './queries';
import type { Notice } from './types';

/**
 * The unread notice count behind the header badge, kept live by `noticeReceived`, and a fan-out
 * of received notices for the pages that list them. Absent (available: false) until the notices
 * subgraph is deployed.
 */
interface NoticesContextValue {
  available: boolean;
  unread: number | null;
  refreshUnread: () => void;
  onNotice: (listener: (notice: Notice) => void) => () => void;
}

const NoticesContext = createContext<NoticesContextValue | null>(null);

export function NoticesProvider({ children }: { children: ReactNode }) {
  const client = useClient();
  const capabilities = useCapabilities();
  const available = capabilities.notices;
  const live = available && capabilities.has('Subscription.noticeReceived');
  const [unread, setUnread] = useState<number | null>(null);
  const listeners = useRef(new Set<(notice: Notice) => void>());

  const refreshUnread = useCallback(() => {
    if (!available) return;
    void client
      .query<{ unreadNoticeCount: number }>(UNREAD_NOTICE_COUNT, {}, { requestPolicy: 'network-only' })
      .toPromise()
      .then((result) => {
        if (result.data) setUnread(result.data.unreadNoticeCount);
      });
  }, [client, available]);

  useEffect(refreshUnread, [refreshUnread]);
  useOnReconnected(refreshUnread);

  useSubscriptionEvents(
    NOTICE_RECEIVED,
    {},
    ({ noticeReceived }) => {
      if (!noticeReceived.readAt) setUnread((count) => (count ?? 0) + 1);
      listeners.current.forEach((listener) => listener(noticeReceived));
    },
    live,
    refreshUnread,
  );

  const onNotice = useCallback((listener: (notice: Notice) => void) => {
    listeners.current.add(listener);
    return () => {
      listeners.current.delete(listener);
    };
  }, []);

  return <NoticesContext.Provider value={{ available, unread, refreshUnread, onNotice }}>{children}</NoticesContext.Provider>;
}

export function useNotices(): NoticesContextValue {
  const value = useContext(NoticesContext);
  if (!value) throw new Error('useNotices outside NoticesProvider');
  return value;
}
