import { useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { useMutation, useQuery } from 'urql';
import { ImportanceChart, ProgressBar, StateBadge, Timeline } from '../components/Bits';
import { EvaluationCharts, Leaderboard } from '../components/Charts';
import { ErrorList, Loading, NotFound, QueryError } from '../components/States';
import { useCapabilities } from '../lib/capabilities';
import { toAppErrors, type AppError } from '../lib/errors';
import { useI18n } from '../lib/i18n';
import { newest, useOnReconnected, useSubscriptionEvents } from '../lib/live';
import { hasRole, useMe } from '../lib/me';
import { CANCEL_MODEL, MODEL_CHANGED, MODEL_EVALUATION, MODEL_REQUEST, MODEL_REQUEST_TARGETS } from '../lib/queries';
import { hasMenu } from '../lib/routes';
import { MODEL_CANCELABLE, type ModelDetail } from '../lib/types';

const STAGES = ['EXTRACTING_DATA', 'TRAINING', 'EVALUATING'] as const;

export function ModelDetailPage() {
  const { id = '' } = useParams();
  const { t, formatNumber, formatDateTime } = useI18n();
  const me = useMe();
  const capabilities = useCapabilities();
  const [result, reexecute] = useQuery({ query: MODEL_REQUEST, variables: { id } });
  const [event, setEvent] = useState<ModelDetail | null>(null);
  const refetch = () => reexecute({ requestPolicy: 'network-only' });
  useOnReconnected(refetch);
  useSubscriptionEvents(MODEL_CHANGED, { id }, ({ modelRequestChanged }) => setEvent(modelRequestChanged), true, refetch);

  const showTargets = capabilities.has('ModelRequest.targets');
  const [targetsResult] = useQuery({
    query: MODEL_REQUEST_TARGETS,
    variables: { id },
    pause: !showTargets,
  });

  const [confirming, setConfirming] = useState(false);
  const [actionErrors, setActionErrors] = useState<AppError[]>([]);
  const [{ fetching: canceling }, cancelModel] = useMutation(CANCEL_MODEL);

  const model = newest(result.data?.modelRequest, event?.id === id ? event : null);

  if (result.error && !result.data) return <QueryError error={result.error} feature="modelRequest" onRetry={refetch} />;
  if (!result.data) return <Loading />;
  if (!model) return <NotFound />;

  const mayCancel = MODEL_CANCELABLE.includes(model.state) && (model.requestedBy === me.username || hasRole(me, 'ADMIN'));
  const mayRequestTarget = model.state === 'COMPLETED' && capabilities.targets && hasMenu(me.menus, 'targets');

  async function cancel() {
    const outcome = await cancelModel({ id });
    setConfirming(false);
    if (outcome.data?.cancelModel) {
      setEvent(outcome.data.cancelModel);
      setActionErrors([]);
    } else {
      setActionErrors(toAppErrors(outcome.error));
    }
  }

  return (
    <div className="page" data-testid="model-detail" data-state={model.state}>
      <p className="breadcrumb">
        <Link to="/models">← {t('models.title')}</Link>
      </p>
      <div className="page-head">
        <h1 data-testid="model-name-heading">{model.name}</h1>
        <StateBadge state={model.state} testId="model-state" />
      </div>
      {model.description && <p className="lead">{model.description}</p>}
      <p className="muted small">
        {t('common.requestedBy')}: {model.requestedBy} · {t('common.created')}: {formatDateTime(model.createdAt)} ·{' '}
        {t('modelDetail.liveHint')}
      </p>

      <div className="detail-actions">
        {mayRequestTarget && (
          <Link className="btn btn-primary" to={`/targets/new?model=${model.id}`} data-testid="model-request-target">
            {t('modelDetail.requestTarget')}
          </Link>
        )}
        {mayCancel &&
          (confirming ? (
            <span className="confirm" role="group" aria-label={t('modelDetail.cancelConfirm')}>
              <span>{t('modelDetail.cancelConfirm')}</span>
              <button
                type="button"
                className="btn btn-danger btn-small"
                onClick={cancel}
                disabled={canceling}
                data-testid="model-cancel-confirm"
                autoFocus
              >
                {t('modelDetail.cancel')}
              </button>
              <button type="button" className="btn btn-small" onClick={() => setConfirming(false)}>
                {t('common.back')}
              </button>
            </span>
          ) : (
            <button type="button" className="btn btn-danger-outline" onClick={() => setConfirming(true)} data-testid="model-cancel">
              {t('modelDetail.cancel')}
            </button>
          ))}
      </div>
      <ErrorList errors={actionErrors} testId="model-action-error" />

      <div className="grid-2">
        <section className="card" aria-labelledby="status-title">
          <h2 id="status-title">{t('common.state')}</h2>
          {model.state === 'REQUESTED' && <p className="muted">{t('modelDetail.waitingApproval')}</p>}
          {model.state === 'APPROVED' && model.queuePosition != null && (
            <p data-testid="model-queue" data-position={model.queuePosition}>
              <strong>{t('modelDetail.queue')}:</strong> {t('modelDetail.queueValue', { position: model.queuePosition })}
            </p>
          )}
          {(model.state === 'TRAINING' || model.state === 'CANCELING') && (
            <ol className="stepper" data-testid="model-stage" data-stage={model.stage ?? ''}>
              {STAGES.map((stage) => {
                const current = STAGES.indexOf((model.stage ?? '') as (typeof STAGES)[number]);
                const index = STAGES.indexOf(stage);
                const status = index < current ? 'done' : index === current ? 'current' : 'todo';
                return (
                  <li key={stage} className={`step step-${status}`} aria-current={status === 'current' ? 'step' : undefined}>
                    {t(`stage.${stage}`)}
                  </li>
                );
              })}
            </ol>
          )}
          {model.state === 'TRAINING' && model.trainingCandidate && (
            <p data-testid="model-candidate">
              <strong>{t('modelDetail.candidate')}:</strong> <span className="mono small">{model.trainingCandidate}</span>
            </p>
          )}
          <div className="field">
            <span className="label">{t('modelDetail.progress')}</span>
            <ProgressBar value={model.progress} label={t('modelDetail.progress')} testId="model-progress" />
          </div>
          {model.reason && (
            <p className="alert alert-warn" data-testid="model-reason">
              <strong>{t('modelDetail.reason')}:</strong> {model.reason}
            </p>
          )}
        </section>

        <section className="card" aria-labelledby="spec-title">
          <h2 id="spec-title">{t('modelDetail.spec')}</h2>
          <dl className="facts">
            <dt>{t('models.dataset')}</dt>
            <dd>{model.spec.dataset}</dd>
            <dt>{t('modelDetail.label')}</dt>
            <dd>{model.spec.label}</dd>
            <dt>{t('models.algorithm')}</dt>
            <dd>{t(`algorithm.${model.spec.algorithm}`)}</dd>
            <dt>{t('modelDetail.fraction')}</dt>
            <dd>{formatNumber(model.spec.validationFraction, 2)}</dd>
            <dt>{t('modelDetail.features')}</dt>
            <dd>
              <ul className="tags">
                {model.spec.features.map((f) => (
                  <li key={f}>{f}</li>
                ))}
              </ul>
            </dd>
          </dl>
        </section>
      </div>

      <section className="card" aria-labelledby="metrics-title" data-testid="model-metrics">
        <h2 id="metrics-title">{t('modelDetail.metrics')}</h2>
        {!model.metrics ? (
          <p className="muted">{t('modelDetail.noMetrics')}</p>
        ) : (
          <>
            <ul className="metric-tiles">
              {(
                [
                  ['auc', formatNumber(model.metrics.auc, 3)],
                  ['accuracy', formatNumber(model.metrics.accuracy, 3)],
                  ['f1', formatNumber(model.metrics.f1, 3)],
                  ['logLoss', formatNumber(model.metrics.logLoss, 3)],
                  ['trainingRows', formatNumber(model.metrics.trainingRows)],
                  ['validationRows', formatNumber(model.metrics.validationRows)],
                  ['duration', `${formatNumber(model.metrics.durationMs / 1000, 1)} s`],
                ] as const
              ).map(([key, value]) => (
                <li key={key} className="metric" data-testid={`metric-${key}`}>
                  <span className="metric-label">{t(`metric.${key}`)}</span>
                  <span className="metric-value">{value}</span>
                </li>
              ))}
            </ul>
            {model.metrics.featureImportance.length > 0 && (
              <>
                <h3>{t('modelDetail.importance')}</h3>
                <p className="hint small">{t('modelDetail.importanceHint')}</p>
                <ImportanceChart items={model.metrics.featureImportance} testId="feature-importance" />
              </>
            )}
          </>
        )}
      </section>

      {model.state === 'COMPLETED' && <ModelEvaluationSection id={model.id} />}

      {showTargets && targetsResult.data?.modelRequest && targetsResult.data.modelRequest.targets.length > 0 && (
        <section className="card" aria-labelledby="targets-title">
          <h2 id="targets-title">{t('modelDetail.targets')}</h2>
          <ul className="latest">
            {targetsResult.data.modelRequest.targets.map((target) => (
              <li key={target.id}>
                <Link to={`/targets/${target.id}`}>{target.name}</Link> <StateBadge state={target.state} />
              </li>
            ))}
          </ul>
        </section>
      )}

      <section className="card" aria-labelledby="history-title">
        <h2 id="history-title">{t('modelDetail.history')}</h2>
        <Timeline entries={model.history} testId="model-history" />
      </section>
    </div>
  );
}

/** The leaderboard and the validation curves, asked for once the model is COMPLETED. */
function ModelEvaluationSection({ id }: { id: string }) {
  const { t } = useI18n();
  const [result, reexecute] = useQuery({ query: MODEL_EVALUATION, variables: { id } });
  const model = result.data?.modelRequest;
  if (result.error && !result.data) {
    return <QueryError error={result.error} feature="modelRequest" onRetry={() => reexecute({ requestPolicy: 'network-only' })} />;
  }
  if (!model) return null;
  return (
    <>
      <section className="card" aria-labelledby="leaderboard-title">
        <div className="page-head">
          <h2 id="leaderboard-title">{t('leaderboard.title')}</h2>
          <Link className="btn btn-small" to={`/models/compare?ids=${id}`} data-testid="model-compare">
            {t('compare.with')}
          </Link>
        </div>
        <p className="hint small">{t('leaderboard.hint')}</p>
        <Leaderboard rows={model.leaderboard} />
      </section>
      {model.evaluation && model.metrics && (
        <section className="card" aria-labelledby="evaluation-title">
          <h2 id="evaluation-title">{t('evaluation.title')}</h2>
          <EvaluationCharts evaluation={model.evaluation} auc={model.metrics.auc} />
        </section>
      )}
    </>
  );
}
