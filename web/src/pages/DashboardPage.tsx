import { useMemo, useState } from 'react';
import { Link } from 'react-router-dom';
import { useQuery } from 'urql';
import { ProgressBar, StateBadge } from '../components/Bits';
import { Loading, QueryError } from '../components/States';
import { useCapabilities } from '../lib/capabilities';
import { useI18n } from '../lib/i18n';
import { mergeLatest, useOnReconnected, useSubscriptionEvents } from '../lib/live';
import { useMe } from '../lib/me';
import { useNotices } from '../lib/notices';
import { MODEL_CHANGED, MODEL_REQUESTS, MY_REQUESTS, TARGET_CHANGED } from '../lib/queries';
import { hasMenu } from '../lib/routes';
import { MODEL_STATES, TARGET_STATES, nodes, type ModelSummary, type MyRequest, type TargetSummary } from '../lib/types';

const READ_SIZE = 100;

function fromModel(m: ModelSummary): MyRequest {
  return { id: m.id, kind: 'MODEL_REQUEST', name: m.name, state: m.state, progress: m.progress, updatedAt: m.updatedAt };
}

function fromTarget(r: TargetSummary): MyRequest {
  return { id: r.id, kind: 'TARGET_REQUEST', name: r.name, state: r.state, progress: r.progress, updatedAt: r.updatedAt };
}

/**
 * My requests, live: read from the `myRequests` read model (notices subgraph) when it is deployed,
 * else from `modelRequests`; kept current by `modelRequestChanged` (and `targetRequestChanged`).
 */
export function DashboardPage() {
  const { t, formatDateTime } = useI18n();
  const me = useMe();
  const capabilities = useCapabilities();
  const notices = useNotices();
  const readModel = capabilities.myRequests;

  const [myRequests, refetchMine] = useQuery({
    query: MY_REQUESTS,
    variables: { first: READ_SIZE },
    pause: !readModel,
    requestPolicy: 'network-only',
  });
  const [models, refetchModels] = useQuery({
    query: MODEL_REQUESTS,
    variables: { requestedBy: me.username, first: READ_SIZE },
    pause: readModel,
    requestPolicy: 'network-only',
  });
  const read = readModel ? myRequests : models;
  const refetch = () => (readModel ? refetchMine : refetchModels)({ requestPolicy: 'network-only' });
  useOnReconnected(refetch);

  const [events, setEvents] = useState<MyRequest[]>([]);
  useSubscriptionEvents(
    MODEL_CHANGED,
    {},
    ({ modelRequestChanged: m }) => {
      if (m.requestedBy === me.username) setEvents((list) => mergeLatest(list, [fromModel(m)]));
    },
    true,
    refetch,
  );
  useSubscriptionEvents(
    TARGET_CHANGED,
    {},
    ({ targetRequestChanged: r }) => {
      if (r.requestedBy === me.username) setEvents((list) => mergeLatest(list, [fromTarget(r)]));
    },
    capabilities.has('Subscription.targetRequestChanged'),
    refetch,
  );

  const items = useMemo(() => {
    const base = readModel ? nodes(myRequests.data?.myRequests) : nodes(models.data?.modelRequests).map(fromModel);
    return mergeLatest(base, events);
  }, [readModel, myRequests.data, models.data, events]);

  const total = readModel ? myRequests.data?.myRequests.totalCount : models.data?.modelRequests.totalCount;
  const counts = useMemo(() => {
    const byKey = new Map<string, number>();
    for (const item of items) byKey.set(`${item.kind}:${item.state}`, (byKey.get(`${item.kind}:${item.state}`) ?? 0) + 1);
    return byKey;
  }, [items]);
  const hasTargets = items.some((i) => i.kind === 'TARGET_REQUEST');

  return (
    <div className="page" data-testid="dashboard-page">
      <div className="page-head">
        <h1>{t('dashboard.title')}</h1>
        {hasMenu(me.menus, 'models') && (
          <Link className="btn btn-primary" to="/models/new">
            {t('dashboard.newModel')}
          </Link>
        )}
      </div>
      <p className="muted">{t('dashboard.welcome', { name: me.displayName })}</p>

      <div className="cards">
        {notices.available && (
          <Link to="/notices" className="card card-link stat" data-testid="dashboard-unread">
            <span className="stat-label">{t('dashboard.unread')}</span>
            <span className="stat-value">{notices.unread ?? '…'}</span>
          </Link>
        )}
        <div className="card stat">
          <span className="stat-label">{t('common.total')}</span>
          <span className="stat-value" data-testid="dashboard-total">
            {read.data ? Math.max(items.length, total ?? 0) : '…'}
          </span>
        </div>
      </div>

      {read.error && !read.data ? (
        <QueryError error={read.error} feature="myRequests" onRetry={refetch} />
      ) : read.fetching && !read.data ? (
        <Loading />
      ) : (
        <>
          <section className="card" aria-labelledby="counts-title">
            <h2 id="counts-title">{t('dashboard.counts')}</h2>
            {total != null && total > items.length && <p className="hint small">{t('dashboard.countsLatest', { count: items.length })}</p>}
            <h3 className="subtle">{t('kind.MODEL_REQUEST')}</h3>
            <ul className="state-counts" data-testid="dashboard-counts">
              {MODEL_STATES.map((state) => (
                <li key={state} data-state={state} data-count={counts.get(`MODEL_REQUEST:${state}`) ?? 0}>
                  <StateBadge state={state} />
                  <span className="count">{counts.get(`MODEL_REQUEST:${state}`) ?? 0}</span>
                </li>
              ))}
            </ul>
            {hasTargets && (
              <>
                <h3 className="subtle">{t('kind.TARGET_REQUEST')}</h3>
                <ul className="state-counts">
                  {TARGET_STATES.map((state) => (
                    <li key={state} data-state={state}>
                      <StateBadge state={state} />
                      <span className="count">{counts.get(`TARGET_REQUEST:${state}`) ?? 0}</span>
                    </li>
                  ))}
                </ul>
              </>
            )}
          </section>

          <section className="card" aria-labelledby="latest-title">
            <h2 id="latest-title">{t('dashboard.latest')}</h2>
            {items.length === 0 ? (
              <p className="muted">{t('dashboard.empty')}</p>
            ) : (
              <ul className="latest" data-testid="dashboard-latest">
                {items.slice(0, 8).map((item) => (
                  <li key={item.id} data-testid={`latest-${item.id}`} data-state={item.state}>
                    <Link to={item.kind === 'MODEL_REQUEST' ? `/models/${item.id}` : `/targets/${item.id}`}>
                      <span className="kind">{t(`kind.${item.kind}`)}</span> {item.name}
                    </Link>
                    <StateBadge state={item.state} />
                    {(item.state === 'TRAINING' || item.state === 'EXTRACTING') && item.progress != null && (
                      <ProgressBar value={item.progress} label={item.name} />
                    )}
                    <time className="muted small" dateTime={item.updatedAt}>
                      {formatDateTime(item.updatedAt)}
                    </time>
                  </li>
                ))}
              </ul>
            )}
            <p className="hint small">{readModel ? t('dashboard.sourceReadModel') : t('dashboard.sourceModels')}</p>
          </section>
        </>
      )}
    </div>
  );
}
