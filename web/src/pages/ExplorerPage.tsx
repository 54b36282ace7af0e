import { useLayoutEffect, useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { graphqlHttpUrl } from '../lib/client';
import { EXPLORER_DATABASE, explorerCookies, explorerUrl, signInMark } from '../lib/explorer';
import { useI18n } from '../lib/i18n';
import { useMe } from '../lib/me';
import { useSession } from '../lib/session';

const EXAMPLE = `# Runs as you: your token is sent with every request.
# Subscriptions stream over WebSocket, e.g.
#   subscription { modelRequestChanged { id name state stage progress } }
query MyModels {
  me {
    username
    roles
  }
  modelRequests(first: 5) {
    totalCount
    edges {
      node {
        id
        name
        state
        progress
      }
    }
  }
}
`;

const SIGN_IN_MARK_KEY = 'nocode.explorer.signIn';

/** Forgets the IDE's saved tabs (and the Authorization header they were opened with). */
function forgetExplorerTabs(): Promise<void> {
  return new Promise((resolve) => {
    const request = indexedDB.deleteDatabase(EXPLORER_DATABASE);
    request.onsuccess = request.onerror = request.onblocked = () => resolve();
  });
}

/**
 * Banana Cake Pop, the GraphQL IDE the gateway serves (self-hosted, nothing from a CDN), with the
 * signed-in user's token on HTTP requests and subscriptions over graphql-transport-ws. `?query=`
 * opens it with that document (links from the docs and the end-to-end test use it).
 */
export default function ExplorerPage() {
  const { t } = useI18n();
  const me = useMe();
  const { session } = useSession();
  const [params] = useSearchParams();
  const token = session?.token ?? null;
  const document = params.get('query') ?? EXAMPLE;
  const [src, setSrc] = useState<string | null>(null);

  // Layout effect: the cookies are in place before the frame asks the gateway for its settings.
  useLayoutEffect(() => {
    const secure = window.location.protocol === 'https:';
    for (const cookie of explorerCookies(token, document, secure)) window.document.cookie = cookie;
    // Tabs the IDE saved under another sign-in would send that sign-in's token: forget them first.
    let cancelled = false;
    const mark = signInMark(token);
    const forget = localStorage.getItem(SIGN_IN_MARK_KEY) === mark ? Promise.resolve() : forgetExplorerTabs();
    void forget.then(() => {
      localStorage.setItem(SIGN_IN_MARK_KEY, mark);
      if (!cancelled) setSrc(explorerUrl(graphqlHttpUrl()));
    });
    // Leaving the page, or the whole tab (a reload or close runs no React clean-up), takes them back.
    const clear = () => {
      for (const cookie of explorerCookies(null, null, secure)) window.document.cookie = cookie;
    };
    window.addEventListener('pagehide', clear);
    return () => {
      cancelled = true;
      window.removeEventListener('pagehide', clear);
      clear();
    };
  }, [token, document]);

  return (
    <div className="explorer" data-testid="explorer">
      <p className="explorer-hint muted small">{t('explorer.hint', { name: me.username })}</p>
      <div className="explorer-frame">
        {src && <iframe key={`${token ?? ''}:${document}`} src={src} title={t('explorer.title')} data-testid="explorer-frame" />}
      </div>
    </div>
  );
}
