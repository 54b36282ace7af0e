import { useState, type FormEvent, type ReactNode } from 'react';
import { Link } from 'react-router-dom';
import { useMutation, useQuery, type AnyVariables, type OperationResult } from 'urql';
import { ErrorList, Loading, NotAvailable, QueryError } from '../components/States';
import { useCapabilities } from '../lib/capabilities';
import { toAppErrors, type AppError } from '../lib/errors';
import { useI18n } from '../lib/i18n';
import { useOnReconnected, useSubscriptionEvents } from '../lib/live';
import {
  APPROVE_MODEL,
  APPROVE_TARGET,
  MODEL_CHANGED,
  MODEL_REQUESTS,
  REJECT_MODEL,
  REJECT_TARGET,
  TARGET_CHANGED,
  TARGET_REQUESTS,
} from '../lib/queries';
import { usePaging } from '../lib/paging';
import { nodes } from '../lib/types';
import { Pager } from '../components/Bits';

const PAGE_SIZE = 20;

interface Pending {
  id: string;
  name: string;
  requestedBy: string;
  createdAt: string;
  link: string;
  details: ReactNode;
}

type Decide = (id: string) => Promise<OperationResult<unknown, AnyVariables>>;
type Reject = (id: string, reason: string) => Promise<OperationResult<unknown, AnyVariables>>;

/** One list of requests waiting for a decision: approve, or reject with a reason the requester reads. */
function PendingList({ kind, items, approve, reject }: { kind: 'model' | 'target'; items: Pending[]; approve: Decide; reject: Reject }) {
  const { t, formatDateTime } = useI18n();
  const [rejecting, setRejecting] = useState<string | null>(null);
  const [reason, setReason] = useState('');
  const [reasonMissing, setReasonMissing] = useState(false);
  const [busy, setBusy] = useState<string | null>(null);
  const [decided, setDecided] = useState<Record<string, string>>({});
  const [errors, setErrors] = useState<AppError[]>([]);

  async function run(item: Pending, action: 'approve' | 'reject', text = '') {
    setBusy(item.id);
    const result = action === 'approve' ? await approve(item.id) : await reject(item.id, text);
    setBusy(null);
    if (result.error) {
      setErrors(toAppErrors(result.error));
      return;
    }
    setErrors([]);
    setRejecting(null);
    setReason('');
    setDecided((d) => ({ ...d, [item.id]: t(action === 'approve' ? 'approvals.approved' : 'approvals.rejected', { name: item.name }) }));
  }

  function submitReject(event: FormEvent, item: Pending) {
    event.preventDefault();
    if (!reason.trim()) {
      setReasonMissing(true);
      return;
    }
    setReasonMissing(false);
    void run(item, 'reject', reason.trim());
  }

  const open = items.filter((item) => !decided[item.id]);
  return (
    <>
      <ErrorList errors={errors} testId={`approval-${kind}-error`} />
      {Object.entries(decided).map(([id, text]) => (
        <p key={id} className="alert alert-success" role="status" data-testid={`decided-${id}`}>
          {text}
        </p>
      ))}
      {open.length === 0 ? (
        <p className="empty" data-testid={`approvals-${kind}-empty`}>
          {t('approvals.empty')}
        </p>
      ) : (
        <ul className="approval-list" data-testid={`approvals-${kind}s`}>
          {open.map((item) => (
            <li key={item.id} className="approval card" data-testid={`approval-${kind}-${item.id}`}>
              <div className="approval-main">
                <Link to={item.link} className="approval-name">
                  {item.name}
                </Link>
                <div className="muted small">
                  {t('common.requestedBy')}: {item.requestedBy} · {formatDateTime(item.createdAt)}
                </div>
                <div className="approval-details">{item.details}</div>
              </div>
              {rejecting === item.id ? (
                <form className="reject-form" onSubmit={(e) => submitReject(e, item)} noValidate>
                  <label htmlFor={`reason-${item.id}`}>{t('approvals.reason')}</label>
                  <textarea
                    id={`reason-${item.id}`}
                    data-testid={`reject-reason-${item.id}`}
                    rows={2}
                    autoFocus
                    value={reason}
                    aria-invalid={reasonMissing}
                    onChange={(e) => setReason(e.target.value)}
                    onKeyDown={(e) => {
                      if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) submitReject(e, item);
                    }}
                  />
                  {reasonMissing && (
                    <div className="field-error" role="alert" data-testid={`reject-reason-error-${item.id}`}>
                      {t('approvals.reasonRequired')}
                    </div>
                  )}
                  <div className="form-actions">
                    <button
                      type="submit"
                      className="btn btn-danger btn-small"
                      disabled={busy === item.id}
                      data-testid={`reject-confirm-${item.id}`}
                    >
                      {t('approvals.confirmReject')}
                    </button>
                    <button type="button" className="btn btn-small" onClick={() => setRejecting(null)}>
                      {t('common.cancel')}
                    </button>
                  </div>
                </form>
              ) : (
                <div className="approval-actions">
                  <button
                    type="button"
                    className="btn btn-primary"
                    disabled={busy === item.id}
                    onClick={() => void run(item, 'approve')}
                    data-testid={`approve-${item.id}`}
                  >
                    {t('approvals.approve')}
                  </button>
                  <button
                    type="button"
                    className="btn btn-danger-outline"
                    disabled={busy === item.id}
                    onClick={() => {
                      setRejecting(item.id);
                      setReason('');
                      setReasonMissing(false);
                    }}
                    data-testid={`reject-${item.id}`}
                  >
                    {t('approvals.reject')}
                  </button>
                </div>
              )}
            </li>
          ))}
        </ul>
      )}
    </>
  );
}

function PendingModels() {
  const { t } = useI18n();
  const paging = usePaging();
  const [result, reexecute] = useQuery({
    query: MODEL_REQUESTS,
    variables: { state: 'REQUESTED', first: PAGE_SIZE, after: paging.after },
    requestPolicy: 'network-only',
  });
  const refetch = () => reexecute({ requestPolicy: 'network-only' });
  useOnReconnected(refetch);
  const items = nodes(result.data?.modelRequests);
  useSubscriptionEvents(
    MODEL_CHANGED,
    {},
    ({ modelRequestChanged: m }) => {
      if (m.state === 'REQUESTED' ? !items.some((i) => i.id === m.id) : items.some((i) => i.id === m.id)) refetch();
    },
    true,
    refetch,
  );
  const [, approveModel] = useMutation(APPROVE_MODEL);
  const [, rejectModel] = useMutation(REJECT_MODEL);

  if (result.error && !result.data) return <QueryError error={result.error} feature="modelRequests" onRetry={refetch} />;
  if (!result.data) return <Loading />;
  const connection = result.data.modelRequests;
  return (
    <>
      <PendingList
        kind="model"
        items={items.map((m) => ({
          id: m.id,
          name: m.name,
          requestedBy: m.requestedBy,
          createdAt: m.createdAt,
          link: `/models/${m.id}`,
          details: (
            <span>
              {m.spec.dataset} → {m.spec.label} · {t(`algorithm.${m.spec.algorithm}`)}
            </span>
          ),
        }))}
        approve={(id) => approveModel({ id })}
        reject={(id, reason) => rejectModel({ id, reason })}
      />
      <Pager
        page={paging.page}
        total={connection.totalCount}
        hasNext={connection.pageInfo.hasNextPage}
        onNext={() => paging.next(connection.pageInfo.endCursor)}
        onPrevious={paging.previous}
        testId="approvals-models-pager"
      />
    </>
  );
}

function PendingTargets() {
  const { t, formatNumber } = useI18n();
  const paging = usePaging();
  const capabilities = useCapabilities();
  const [result, reexecute] = useQuery({
    query: TARGET_REQUESTS,
    variables: { state: 'REQUESTED', first: PAGE_SIZE, after: paging.after },
    requestPolicy: 'network-only',
  });
  const refetch = () => reexecute({ requestPolicy: 'network-only' });
  useOnReconnected(refetch);
  const items = nodes(result.data?.targetRequests);
  useSubscriptionEvents(
    TARGET_CHANGED,
    {},
    ({ targetRequestChanged: r }) => {
      if (r.state === 'REQUESTED' ? !items.some((i) => i.id === r.id) : items.some((i) => i.id === r.id)) refetch();
    },
    capabilities.has('Subscription.targetRequestChanged'),
    refetch,
  );
  const [, approveTarget] = useMutation(APPROVE_TARGET);
  const [, rejectTarget] = useMutation(REJECT_TARGET);

  if (result.error && !result.data) return <QueryError error={result.error} feature="targetRequests" onRetry={refetch} />;
  if (!result.data) return <Loading />;
  const connection = result.data.targetRequests;
  return (
    <>
      <PendingList
        kind="target"
        items={items.map((r) => ({
          id: r.id,
          name: r.name,
          requestedBy: r.requestedBy,
          createdAt: r.createdAt,
          link: `/targets/${r.id}`,
          details: (
            <span>
              {t('targets.model')}: {r.model?.name ?? '—'}
              {r.criteria?.topN != null && ` · ${t('targets.topN')}: ${formatNumber(r.criteria.topN)}`}
              {r.criteria?.minScore != null && ` · ${t('targets.minScore')}: ${r.criteria.minScore}`}
            </span>
          ),
        }))}
        approve={(id) => approveTarget({ id })}
        reject={(id, reason) => rejectTarget({ id, reason })}
      />
      <Pager
        page={paging.page}
        total={connection.totalCount}
        hasNext={connection.pageInfo.hasNextPage}
        onNext={() => paging.next(connection.pageInfo.endCursor)}
        onPrevious={paging.previous}
        testId="approvals-targets-pager"
      />
    </>
  );
}

export function ApprovalsPage() {
  const { t } = useI18n();
  const capabilities = useCapabilities();
  return (
    <div className="page" data-testid="approvals-page">
      <h1>{t('approvals.title')}</h1>
      <section aria-labelledby="pending-models">
        <h2 id="pending-models">{t('approvals.models')}</h2>
        <PendingModels />
      </section>
      <section aria-labelledby="pending-targets">
        <h2 id="pending-targets">{t('approvals.targets')}</h2>
        {capabilities.targets ? <PendingTargets /> : <NotAvailable feature="targetRequests" />}
      </section>
    </div>
  );
}
