import { useMemo } from 'react';
import { useSearchParams } from 'react-router-dom';
import { GraphiQL } from 'graphiql';
import { createGraphiQLFetcher } from '@graphiql/toolkit';
import 'graphiql/setup-workers/vite';
import 'graphiql/style.css';
import { authorizationHeader, graphqlHttpUrl, graphqlWsUrl } from '../lib/client';
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
 * GraphiQL against the gateway (same origin, proxied), with the signed-in user's token on HTTP
 * requests and in the WebSocket's connection_init, and the schema's documentation open.
 * `?query=` opens it with that document (links from the docs and the end-to-end test use it).
 */
export default function ExplorerPage() {
  const { t } = useI18n();
  const me = useMe();
  const { session } = useSession();
  const [params] = useSearchParams();
  const token = session?.token ?? null;
  const fetcher = useMemo(
    () =>
      createGraphiQLFetcher({
        url: graphqlHttpUrl(),
        subscriptionUrl: graphqlWsUrl(),
        headers: authorizationHeader(token),
        wsConnectionParams: authorizationHeader(token),
      }),
    [token],
  );
  const query = params.get('query');

  return (
    <div className="explorer" data-testid="explorer">
      <p className="explorer-hint muted small">{t('explorer.hint', { name: me.username })}</p>
      <div className="explorer-frame">
        <GraphiQL
          fetcher={fetcher}
          initialQuery={query ?? undefined}
          defaultQuery={EXAMPLE}
          visiblePlugin="Documentation Explorer"
          defaultEditorToolsVisibility={false}
          forcedTheme="light"
        />
      </div>
    </div>
  );
}
