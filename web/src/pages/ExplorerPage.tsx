import { useEffect, useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { graphqlHttpUrl } from '../lib/client';
import { explorerCookies, explorerUrl } from '../lib/explorer';
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

  useEffect(() => {
    // The cookies must be in place before the IDE asks the gateway for its settings.
    for (const cookie of explorerCookies(token, document, window.location.protocol === 'https:')) {
      window.document.cookie = cookie;
    }
    setSrc(explorerUrl(graphqlHttpUrl()));
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
