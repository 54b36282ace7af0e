import { Client, cacheExchange, fetchExchange, mapExchange } from 'urql';
import { createClient as createWsClient, type Client as WsClient } from 'graphql-ws';

/**
 * The browser talks only to its own origin: `/graphql` is the gateway behind the web server's
 * proxy, for HTTP and for WebSocket (graphql-transport-ws) alike.
 */
export function graphqlHttpUrl(): string {
  return new URL('/graphql', window.location.href).toString();
}

export function graphqlWsUrl(): string {
  const url = new URL('/graphql', window.location.href);
  url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
  return url.toString();
}

export function authorizationHeader(token: string | null): Record<string, string> {
  return token ? { Authorization: `Bearer ${token}` } : {};
}

export type LiveStatus = 'connecting' | 'connected' | 'offline';

export interface ApiClient {
  client: Client;
  ws: WsClient;
  /** WebSocket state, for the header's live indicator; `onChange` fires on every transition. */
  live: { status: LiveStatus; subscribe: (listener: () => void) => () => void };
  /** Called after a reconnect: events sent while the socket was down are lost, so live pages re-read. */
  onReconnected: (listener: () => void) => () => void;
  dispose: () => void;
}

/** The gateway closed the socket with 4403: it refused the token at connection_init. */
export const isTokenRefusal = (event: unknown) =>
  typeof event === 'object' && event !== null && 'code' in event && (event as { code: unknown }).code === 4403;

export function createApiClient(token: string | null, onUnauthenticated: () => void): ApiClient {
  const statusListeners = new Set<() => void>();
  const reconnectListeners = new Set<() => void>();
  const live = {
    status: 'connecting' as LiveStatus,
    subscribe(listener: () => void) {
      statusListeners.add(listener);
      return () => statusListeners.delete(listener);
    },
  };
  const setStatus = (status: LiveStatus) => {
    if (live.status === status) return;
    live.status = status;
    statusListeners.forEach((listener) => listener());
  };

  // Subscriptions go straight over this socket (keepSubscribed below), queries and mutations over
  // HTTP through urql. Browsers cannot set headers on a WebSocket: the token goes in
  // connection_init (SPEC §4).
  const ws = createWsClient({
    url: graphqlWsUrl(),
    connectionParams: authorizationHeader(token),
    // Signed in, the socket stays open (the header shows it live); signed out, none is opened.
    lazy: token === null,
    keepAlive: 15_000,
    retryAttempts: Number.MAX_SAFE_INTEGER,
    // 4403: the gateway refused the token at connection_init (expired, signed out, rights changed);
    // retrying with the same token cannot help, signing in again does.
    shouldRetry: (event) => !isTokenRefusal(event),
    retryWait: async (retries) => {
      await new Promise((resolve) => setTimeout(resolve, Math.min(1000 * 2 ** retries, 10_000)));
    },
    on: {
      connecting: (isRetry) => setStatus(isRetry ? 'offline' : 'connecting'),
      connected: (_socket, _payload, wasRetry) => {
        setStatus('connected');
        if (wasRetry) reconnectListeners.forEach((listener) => listener());
      },
      closed: (event) => {
        setStatus('offline');
        if (token !== null && isTokenRefusal(event)) onUnauthenticated();
      },
    },
  });

  const client = new Client({
    url: '/graphql',
    requestPolicy: 'cache-and-network',
    fetchOptions: () => ({ headers: authorizationHeader(token) }),
    exchanges: [
      mapExchange({
        onResult(result) {
          const expired =
            token !== null &&
            result.operation.kind !== 'teardown' &&
            result.error?.graphQLErrors.some((e) => e.extensions?.code === 'UNAUTHENTICATED') &&
            !result.operation.query.definitions.some((d) => d.kind === 'OperationDefinition' && d.name?.value === 'Login');
          if (expired) onUnauthenticated();
        },
      }),
      cacheExchange,
      fetchExchange,
    ],
  });

  return {
    client,
    ws,
    live,
    onReconnected(listener) {
      reconnectListeners.add(listener);
      return () => reconnectListeners.delete(listener);
    },
    dispose: () => {
      statusListeners.clear();
      reconnectListeners.clear();
      void ws.dispose();
    },
  };
}

export interface LiveHandlers<Data> {
  data: (data: Data) => void;
  /** The subscription was down for a while and is up again: events may have been missed. */
  gap: () => void;
}

/**
 * Subscribes and stays subscribed. graphql-ws retries a dropped socket by itself, but a
 * subscription the server ends (complete, or an error such as a subgraph restarting under the
 * gateway) is over for good; this starts it again after a growing delay and reports the gap, so
 * the caller can re-read what it may have missed. Returns the function that stops it.
 */
export function keepSubscribed<Data>(
  ws: Pick<WsClient, 'subscribe'>,
  payload: { query: string; variables?: Record<string, unknown> },
  on: LiveHandlers<Data>,
  retryDelayMs: (failures: number) => number = (failures) => Math.min(1000 * 2 ** failures, 30_000),
): () => void {
  let stopped = false;
  let failures = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let unsubscribe = () => {};

  const start = (afterGap: boolean) => {
    let ended = false;
    const restart = () => {
      if (ended || stopped) return;
      ended = true;
      timer = setTimeout(() => start(true), retryDelayMs(failures));
      failures += 1;
    };
    unsubscribe = ws.subscribe<Data>(payload, {
      next: (result) => {
        failures = 0;
        if (result.data) on.data(result.data as Data);
      },
      error: restart,
      complete: restart,
    });
    if (afterGap) on.gap();
  };

  start(false);
  return () => {
    stopped = true;
    clearTimeout(timer);
    unsubscribe();
  };
}
