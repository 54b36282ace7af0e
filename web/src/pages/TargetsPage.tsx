import { Link, useSearchParams } from 'react-router-dom';
import { useQuery } from 'urql';
import { Pager, ProgressBar, StateBadge } from '../components/Bits';
import { Loading, NotAvailable, QueryError } from '../components/States';
import { useCapabilities } from '../lib/capabilities';
import { useI18n } from '../lib/i18n';
import { useOnReconnected, useSubscriptionEvents } from '../lib/live';
import { usePaging } from '../lib/paging';
import { TARGET_CHANGED, TARGET_REQUESTS } from '../lib/queries';
import { TARGET_STATES, nodes } from '../lib/types';

const PAGE_SIZE = 20;

export function TargetsPage() {
  const { t } = useI18n();
  const capabilities = useCapabilities();
  return (
    <div className="page" data-testid="targets-page">
      <div className="page-head">
        <h1>{t('targets.title')}</h1>
        {capabilities.targets && (
          <Link className="btn btn-primary" to="/targets/new" data-testid="target-new">
            {t('targets.new')}
          </Link>
        )}
      </div>
      {capabilities.targets ? <TargetList /> : <NotAvailable feature="targetRequests" />}
    </div>
  );
}

function TargetList() {
  const { t, formatDateTime, formatNumber } = useI18n();
  const capabilities = useCapabilities();
  const [params, setParams] = useSearchParams();
  // Only a state the schema knows filters; anything else in the URL lists all.
  const state = TARGET_STATES.find((s) => s === params.get('state')) ?? '';
  const paging = usePaging();
  const [result, reexecute] = useQuery({
    query: TARGET_REQUESTS,
    variables: { state: state || null, first: PAGE_SIZE, after: paging.after },
  });
  const refetch = () => reexecute({ requestPolicy: 'network-only' });
  useOnReconnected(refetch);
  useSubscriptionEvents(TARGET_CHANGED, {}, refetch, capabilities.has('Subscription.targetRequestChanged'), refetch);
  const rows = nodes(result.data?.targetRequests);

  return (
    <>
      <div className="toolbar">
        <label htmlFor="target-state-filter">{t('models.filter')}</label>
        <select
          id="target-state-filter"
          data-testid="target-state-filter"
          value={state}
          onChange={(e) => {
            paging.reset();
            setParams(e.target.value ? { state: e.target.value } : {});
          }}
        >
          <option value="">{t('models.allStates')}</option>
          {TARGET_STATES.map((s) => (
            <option key={s} value={s}>
              {t(`state.${s}`)}
            </option>
          ))}
        </select>
      </div>
      {result.error && !result.data ? (
        <QueryError error={result.error} feature="targetRequests" onRetry={refetch} />
      ) : !result.data ? (
        <Loading />
      ) : rows.length === 0 ? (
        <p className="empty">{t('targets.empty')}</p>
      ) : (
        <>
          <div className="table-wrap">
            <table className="table" data-testid="targets-table">
              <thead>
                <tr>
                  <th>{t('common.name')}</th>
                  <th>{t('common.state')}</th>
                  <th className="hide-sm">{t('targets.model')}</th>
                  <th className="hide-sm">{t('targets.count')}</th>
                  <th>{t('common.updated')}</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((r) => (
                  <tr key={r.id} data-testid={`target-row-${r.id}`}>
                    <td>
                      <Link to={`/targets/${r.id}`}>{r.name}</Link>
                    </td>
                    <td>
                      <StateBadge state={r.state} />
                      {r.state === 'EXTRACTING' && <ProgressBar value={r.progress} label={r.name} />}
                    </td>
                    <td className="hide-sm">{r.model ? <Link to={`/models/${r.model.id}`}>{r.model.name}</Link> : '—'}</td>
                    <td className="hide-sm">{formatNumber(r.targetCount)}</td>
                    <td className="nowrap small">{formatDateTime(r.updatedAt)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <Pager
            page={paging.page}
            total={result.data.targetRequests.totalCount}
            hasNext={result.data.targetRequests.pageInfo.hasNextPage}
            onNext={() => paging.next(result.data!.targetRequests.pageInfo.endCursor)}
            onPrevious={paging.previous}
          />
        </>
      )}
    </>
  );
}
