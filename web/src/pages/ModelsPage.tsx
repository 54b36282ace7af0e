import { useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import { useQuery } from 'urql';
import { Pager, ProgressBar, StateBadge } from '../components/Bits';
import { Loading, QueryError } from '../components/States';
import { useI18n } from '../lib/i18n';
import { useOnReconnected, useSubscriptionEvents } from '../lib/live';
import { usePaging } from '../lib/paging';
import { MODEL_CHANGED, MODEL_REQUESTS } from '../lib/queries';
import { MODEL_STATES, nodes, type ModelSummary } from '../lib/types';
import { MAX_COMPARED } from './ModelComparePage';

const PAGE_SIZE = 20;

export function ModelsPage() {
  const { t, formatDateTime } = useI18n();
  const [params, setParams] = useSearchParams();
  // Only a state the schema knows filters; anything else in the URL lists all.
  const state = MODEL_STATES.find((s) => s === params.get('state')) ?? '';
  const paging = usePaging();
  const navigate = useNavigate();
  // Completed models ticked for comparison (2–4).
  const [compared, setCompared] = useState<string[]>([]);
  const toggleCompared = (id: string) =>
    setCompared((ids) => (ids.includes(id) ? ids.filter((x) => x !== id) : ids.length < MAX_COMPARED ? [...ids, id] : ids));
  const [result, reexecute] = useQuery({
    query: MODEL_REQUESTS,
    variables: { state: state || null, first: PAGE_SIZE, after: paging.after },
  });
  const refetch = () => reexecute({ requestPolicy: 'network-only' });
  useOnReconnected(refetch);

  // Rows on screen change in place as their requests move; a new request shows on the first page.
  const [changes, setChanges] = useState<Record<string, ModelSummary>>({});
  const rows = nodes(result.data?.modelRequests).map((row) => {
    const change = changes[row.id];
    return change && Date.parse(change.updatedAt) >= Date.parse(row.updatedAt) ? change : row;
  });
  useSubscriptionEvents(
    MODEL_CHANGED,
    {},
    ({ modelRequestChanged: m }) => {
      const shown = rows.some((row) => row.id === m.id);
      if (shown) setChanges((c) => ({ ...c, [m.id]: m }));
      // A request the page does not show yet: a new one (REQUESTED), or one entering the filtered state.
      else if (paging.page === 1 && m.state === (state || 'REQUESTED')) refetch();
    },
    true,
    refetch,
  );

  return (
    <div className="page" data-testid="models-page">
      <div className="page-head">
        <h1>{t('models.title')}</h1>
        <Link className="btn btn-primary" to="/models/new" data-testid="model-new">
          {t('models.new')}
        </Link>
      </div>
      <div className="toolbar">
        <label htmlFor="state-filter">{t('models.filter')}</label>
        <select
          id="state-filter"
          data-testid="state-filter"
          value={state}
          onChange={(e) => {
            paging.reset();
            setParams(e.target.value ? { state: e.target.value } : {});
          }}
        >
          <option value="">{t('models.allStates')}</option>
          {MODEL_STATES.map((s) => (
            <option key={s} value={s}>
              {t(`state.${s}`)}
            </option>
          ))}
        </select>
        <button
          type="button"
          className="btn btn-small"
          disabled={compared.length < 2}
          onClick={() => navigate(`/models/compare?ids=${compared.join(',')}`)}
          data-testid="models-compare"
        >
          {t('compare.button', { count: compared.length })}
        </button>
      </div>
      {result.error && !result.data ? (
        <QueryError error={result.error} feature="modelRequests" onRetry={refetch} />
      ) : !result.data ? (
        <Loading />
      ) : rows.length === 0 ? (
        <p className="empty" data-testid="models-empty">
          {t('models.empty')}
        </p>
      ) : (
        <>
          <div className="table-wrap">
            <table className="table" data-testid="models-table">
              <thead>
                <tr>
                  <th>
                    <span className="visually-hidden">{t('compare.select')}</span>
                  </th>
                  <th>{t('common.name')}</th>
                  <th>{t('common.state')}</th>
                  <th className="hide-sm">{t('models.dataset')}</th>
                  <th className="hide-sm">{t('models.algorithm')}</th>
                  <th className="hide-sm">{t('common.requestedBy')}</th>
                  <th>{t('common.updated')}</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((m) => (
                  <tr key={m.id} data-testid={`model-row-${m.id}`} data-state={m.state}>
                    <td>
                      {m.state === 'COMPLETED' && (
                        <input
                          type="checkbox"
                          aria-label={t('compare.selectModel', { name: m.name })}
                          checked={compared.includes(m.id)}
                          disabled={!compared.includes(m.id) && compared.length >= MAX_COMPARED}
                          onChange={() => toggleCompared(m.id)}
                          data-testid={`compare-${m.id}`}
                        />
                      )}
                    </td>
                    <td>
                      <Link to={`/models/${m.id}`}>{m.name}</Link>
                    </td>
                    <td>
                      <StateBadge state={m.state} />
                      {m.state === 'TRAINING' && <ProgressBar value={m.progress} label={m.name} />}
                    </td>
                    <td className="hide-sm">{m.spec.dataset}</td>
                    <td className="hide-sm">{t(`algorithm.${m.spec.algorithm}`)}</td>
                    <td className="hide-sm">{m.requestedBy}</td>
                    <td className="nowrap small">{formatDateTime(m.updatedAt)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <Pager
            page={paging.page}
            total={result.data.modelRequests.totalCount}
            hasNext={result.data.modelRequests.pageInfo.hasNextPage}
            onNext={() => paging.next(result.data!.modelRequests.pageInfo.endCursor)}
            onPrevious={paging.previous}
          />
        </>
      )}
    </div>
  );
}
