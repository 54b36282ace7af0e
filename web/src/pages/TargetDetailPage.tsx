import { useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { useMutation, useQuery } from 'urql';
import { Pager, ProgressBar, StateBadge, Timeline } from '../components/Bits';
import { ErrorList, Loading, NotAvailable, NotFound, QueryError } from '../components/States';
import { useCapabilities } from '../lib/capabilities';
import { toAppErrors, type AppError } from '../lib/errors';
import { useI18n } from '../lib/i18n';
import { newest, useOnReconnected, useSubscriptionEvents } from '../lib/live';
import { hasRole, useMe } from '../lib/me';
import { usePaging } from '../lib/paging';
import { CANCEL_TARGET, TARGET_CHANGED, TARGET_MEMBERS, TARGET_REQUEST } from '../lib/queries';
import { nodes, TARGET_CANCELABLE, type TargetDetail } from '../lib/types';

const MEMBERS_PAGE = 20;

export function TargetDetailPage() {
  const capabilities = useCapabilities();
  return capabilities.targets ? <TargetDetailView /> : <NotAvailable feature="targetRequest" />;
}

function Members({ id }: { id: string }) {
  const { t, formatNumber } = useI18n();
  const paging = usePaging();
  const [result, reexecute] = useQuery({
    query: TARGET_MEMBERS,
    variables: { targetRequestId: id, first: MEMBERS_PAGE, after: paging.after },
  });
  const rows = nodes(result.data?.targetMembers);
  if (result.error && !result.data) {
    return <QueryError error={result.error} feature="targetMembers" onRetry={() => reexecute({ requestPolicy: 'network-only' })} />;
  }
  if (!result.data) return <Loading />;
  if (rows.length === 0) return <p className="muted">{t('targets.empty')}</p>;
  return (
    <>
      <div className="table-wrap">
        <table className="table" data-testid="target-members">
          <thead>
            <tr>
              <th>{t('targets.rank')}</th>
              <th>{t('targets.customer')}</th>
              <th>{t('targets.score')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((m) => (
              <tr key={m.customerId}>
                <td>{formatNumber(m.rank)}</td>
                <td className="mono">{m.customerId}</td>
                <td>{formatNumber(m.score, 4)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <Pager
        page={paging.page}
        total={result.data.targetMembers.totalCount}
        hasNext={result.data.targetMembers.pageInfo.hasNextPage}
        onNext={() => paging.next(result.data!.targetMembers.pageInfo.endCursor)}
        onPrevious={paging.previous}
        testId="members-pager"
      />
    </>
  );
}

function TargetDetailView() {
  const { id = '' } = useParams();
  const { t, formatNumber, formatDateTime } = useI18n();
  const me = useMe();
  const capabilities = useCapabilities();
  const [result, reexecute] = useQuery({ query: TARGET_REQUEST, variables: { id } });
  const [event, setEvent] = useState<TargetDetail | null>(null);
  const refetch = () => reexecute({ requestPolicy: 'network-only' });
  useOnReconnected(refetch);
  useSubscriptionEvents(
    TARGET_CHANGED,
    { id },
    ({ targetRequestChanged }) => setEvent(targetRequestChanged),
    capabilities.has('Subscription.targetRequestChanged'),
    refetch,
  );
  const [confirming, setConfirming] = useState(false);
  const [actionErrors, setActionErrors] = useState<AppError[]>([]);
  const [{ fetching: canceling }, cancelTarget] = useMutation(CANCEL_TARGET);

  const target = newest(result.data?.targetRequest, event?.id === id ? event : null);
  if (result.error && !result.data) return <QueryError error={result.error} feature="targetRequest" onRetry={refetch} />;
  if (!result.data) return <Loading />;
  if (!target) return <NotFound />;

  const mayCancel = TARGET_CANCELABLE.includes(target.state) && (target.requestedBy === me.username || hasRole(me, 'ADMIN'));
  const dispatch = target.dispatch;
  const dispatched = dispatch && target.targetCount ? (dispatch.sent + dispatch.failed) / target.targetCount : 0;
  const hasMembers = ['EXTRACTED', 'DISPATCHING', 'COMPLETED'].includes(target.state) || (target.targetCount ?? 0) > 0;

  async function cancel() {
    const outcome = await cancelTarget({ id });
    setConfirming(false);
    if (outcome.data?.cancelTarget) {
      setEvent(outcome.data.cancelTarget);
      setActionErrors([]);
    } else {
      setActionErrors(toAppErrors(outcome.error));
    }
  }

  return (
    <div className="page" data-testid="target-detail" data-state={target.state}>
      <p className="breadcrumb">
        <Link to="/targets">← {t('targets.title')}</Link>
      </p>
      <div className="page-head">
        <h1>{target.name}</h1>
        <StateBadge state={target.state} testId="target-state" />
      </div>
      <p className="muted small">
        {t('common.requestedBy')}: {target.requestedBy} · {t('common.created')}: {formatDateTime(target.createdAt)} · {t('targets.model')}:{' '}
        {target.model ? <Link to={`/models/${target.model.id}`}>{target.model.name}</Link> : '—'}
      </p>
      <div className="detail-actions">
        {mayCancel &&
          (confirming ? (
            <span className="confirm" role="group" aria-label={t('targets.cancelConfirm')}>
              <span>{t('targets.cancelConfirm')}</span>
              <button type="button" className="btn btn-danger btn-small" onClick={cancel} disabled={canceling} autoFocus>
                {t('targets.cancel')}
              </button>
              <button type="button" className="btn btn-small" onClick={() => setConfirming(false)}>
                {t('common.back')}
              </button>
            </span>
          ) : (
            <button type="button" className="btn btn-danger-outline" onClick={() => setConfirming(true)} data-testid="target-cancel">
              {t('targets.cancel')}
            </button>
          ))}
      </div>
      <ErrorList errors={actionErrors} />
      {(target.state === 'APPROVED' || target.state === 'EXTRACTING') && (
        <div className="card">
          <span className="label">{t('targets.progress')}</span>
          <ProgressBar value={target.progress} label={t('targets.progress')} testId="target-progress" />
        </div>
      )}
      {target.reason && (
        <p className="alert alert-warn">
          <strong>{t('modelDetail.reason')}:</strong> {target.reason}
        </p>
      )}

      <div className="grid-2">
        <section className="card" aria-labelledby="criteria-title">
          <h2 id="criteria-title">{t('targets.criteria')}</h2>
          <dl className="facts">
            <dt>{t('targets.topN')}</dt>
            <dd>{formatNumber(target.criteria?.topN)}</dd>
            <dt>{t('targets.minScore')}</dt>
            <dd>{target.criteria?.minScore ?? '—'}</dd>
            <dt>{t('targets.count')}</dt>
            <dd data-testid="target-count">{formatNumber(target.targetCount)}</dd>
          </dl>
          <h3>{t('targets.message')}</h3>
          <pre className="message-preview">{target.message}</pre>
        </section>
        <section className="card" aria-labelledby="summary-title">
          <h2 id="summary-title">{t('targets.scoreSummary')}</h2>
          {target.scoreSummary ? (
            <ul className="metric-tiles" data-testid="score-summary">
              {(['min', 'p50', 'mean', 'p90', 'max'] as const).map((k) => (
                <li key={k} className="metric">
                  <span className="metric-label">{k}</span>
                  <span className="metric-value">{formatNumber(target.scoreSummary![k], 3)}</span>
                </li>
              ))}
            </ul>
          ) : (
            <p className="muted">—</p>
          )}
          <h2>{t('targets.dispatch')}</h2>
          {dispatch ? (
            <div data-testid="target-dispatch" data-state={dispatch.state}>
              <ProgressBar value={dispatched} label={t('targets.dispatch')} testId="dispatch-progress" />
              <dl className="facts">
                <dt>{t('common.state')}</dt>
                <dd>{t(`dispatch.${dispatch.state}`)}</dd>
                <dt>{t('targets.midasJob')}</dt>
                <dd className="mono">{dispatch.midasJobId ?? '—'}</dd>
                <dt>{t('targets.sent')}</dt>
                <dd>{formatNumber(dispatch.sent)}</dd>
                <dt>{t('targets.failed')}</dt>
                <dd>{formatNumber(dispatch.failed)}</dd>
                <dt>{t('targets.attempts')}</dt>
                <dd>{formatNumber(dispatch.attempts)}</dd>
                {dispatch.lastError && (
                  <>
                    <dt>{t('targets.lastError')}</dt>
                    <dd>{dispatch.lastError}</dd>
                  </>
                )}
              </dl>
            </div>
          ) : (
            <p className="muted">{t('targets.noDispatch')}</p>
          )}
        </section>
      </div>

      {hasMembers && (
        <section className="card" aria-labelledby="members-title">
          <h2 id="members-title">{t('targets.members')}</h2>
          {/* Re-read when the state moves on: the list is written during extraction. */}
          <Members key={target.state} id={target.id} />
        </section>
      )}

      <section className="card" aria-labelledby="t-history-title">
        <h2 id="t-history-title">{t('modelDetail.history')}</h2>
        <Timeline entries={target.history} />
      </section>
    </div>
  );
}
