import { useState, type FormEvent } from 'react';
import { useNavigate, useSearchParams } from 'react-router-dom';
import { useMutation, useQuery } from 'urql';
import { describedBy, Field } from '../components/Bits';
import { ErrorList, Loading, NotAvailable, QueryError } from '../components/States';
import { eucKrByteLength, MIDAS_LMS_MAX_BYTES } from '../lib/bytes';
import { useCapabilities } from '../lib/capabilities';
import { fieldErrors, formLevelErrors, toAppErrors, type AppError } from '../lib/errors';
import { useI18n } from '../lib/i18n';
import { expectTargets } from '../lib/expectation';
import { DATASETS, MODEL_EVALUATION, MODEL_REQUESTS, REQUEST_TARGET } from '../lib/queries';
import { nodes } from '../lib/types';
import { hasProblems, parseDecimal, TARGET_FIELDS, validateTargetForm, type TargetField, type TargetFormValues } from '../lib/validation';

const FOCUS_TARGET: Record<TargetField, string> = {
  modelRequestId: 'target-model',
  name: 'target-name',
  topN: 'target-topn',
  minScore: 'target-minscore',
  message: 'target-message',
};

/** The live byte counter under the LMS message: MIDAS measures EUC-KR bytes, not characters. */
export function ByteCounter({ text }: { text: string }) {
  const { t, formatNumber } = useI18n();
  const { bytes, unsupported } = eucKrByteLength(text);
  const over = bytes > MIDAS_LMS_MAX_BYTES;
  return (
    <div className="byte-counter" id="target-message-hint">
      <div className="byte-bar" aria-hidden="true">
        <div
          className={over ? 'byte-fill over' : 'byte-fill'}
          style={{ width: `${Math.min(100, (bytes / MIDAS_LMS_MAX_BYTES) * 100)}%` }}
        />
      </div>
      <span className={over ? 'byte-count over' : 'byte-count'} data-testid="message-bytes" data-bytes={bytes} aria-live="polite">
        {t('targets.bytes', { bytes: formatNumber(bytes), max: formatNumber(MIDAS_LMS_MAX_BYTES) })}
      </span>
      <span className="muted small"> · {t('targets.bytesHint')}</span>
      {unsupported.length > 0 && (
        <div className="field-warning" data-testid="message-unsupported">
          {t('targets.unsupported', { chars: unsupported.join(' ') })}
        </div>
      )}
    </div>
  );
}

export function TargetFormPage() {
  const { t } = useI18n();
  const capabilities = useCapabilities();
  return (
    <div className="page narrow" data-testid="target-form-page">
      <h1>{t('targets.new')}</h1>
      {capabilities.targets && capabilities.has('Mutation.requestTargetExtraction') ? (
        <TargetForm />
      ) : (
        <NotAvailable feature="requestTargetExtraction" />
      )}
    </div>
  );
}

function TargetForm() {
  const { t } = useI18n();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const [modelsResult, refetchModels] = useQuery({
    query: MODEL_REQUESTS,
    variables: { state: 'COMPLETED', first: 100 },
  });
  const [values, setValues] = useState<TargetFormValues>({
    modelRequestId: params.get('model') ?? '',
    name: '',
    topN: '1000',
    minScore: '',
    message: '',
  });
  // A field's problem shows once it was edited, and every problem after a submit; never on blur
  // alone, which would move the submit button away from the pointer between press and release.
  const [touched, setTouched] = useState<Partial<Record<TargetField, boolean>>>({});
  const [submitted, setSubmitted] = useState(false);
  const [serverErrors, setServerErrors] = useState<AppError[]>([]);
  const [{ fetching }, requestTarget] = useMutation(REQUEST_TARGET);

  const problems = validateTargetForm(values);
  const serverByField = fieldErrors(serverErrors);
  const errorOf = (field: TargetField) => {
    if (serverByField[field]) return serverByField[field];
    const problem = problems[field];
    return problem && (submitted || touched[field]) ? t(problem.key, problem.params) : undefined;
  };
  const update = (field: TargetField, value: string) => {
    setValues((v) => ({ ...v, [field]: value }));
    setTouched((tch) => ({ ...tch, [field]: true }));
    setServerErrors((errors) => errors.filter((e) => e.field !== field));
  };

  async function submit(event: FormEvent) {
    event.preventDefault();
    setSubmitted(true);
    const first = TARGET_FIELDS.find((f) => problems[f]);
    if (first) {
      document.getElementById(FOCUS_TARGET[first])?.focus();
      return;
    }
    const result = await requestTarget({
      input: {
        modelRequestId: values.modelRequestId,
        name: values.name.trim(),
        topN: values.topN.trim() ? Number(values.topN.trim()) : null,
        minScore: values.minScore.trim() ? parseDecimal(values.minScore) : null,
        message: values.message,
      },
    });
    if (result.data?.requestTargetExtraction) {
      navigate(`/targets/${result.data.requestTargetExtraction.id}`);
      return;
    }
    const errors = toAppErrors(result.error);
    setServerErrors(errors);
    const field = errors.find((e) => e.code === 'VALIDATION_FAILED' && e.field)?.field as TargetField | undefined;
    if (field && FOCUS_TARGET[field]) document.getElementById(FOCUS_TARGET[field])?.focus();
  }

  if (modelsResult.error && !modelsResult.data) {
    return (
      <QueryError error={modelsResult.error} feature="modelRequests" onRetry={() => refetchModels({ requestPolicy: 'network-only' })} />
    );
  }
  if (!modelsResult.data) return <Loading />;
  const models = nodes(modelsResult.data.modelRequests);
  if (models.length === 0) return <p className="empty">{t('targets.noCompletedModels')}</p>;

  const modelError = errorOf('modelRequestId');
  const nameError = errorOf('name');
  const topNError = errorOf('topN');
  const minScoreError = errorOf('minScore');
  const messageError = errorOf('message');

  return (
    <form onSubmit={submit} noValidate className="form card" data-testid="target-form">
      {submitted && hasProblems(problems) && (
        <div className="alert alert-error" role="alert">
          {t('modelForm.fixErrors')}
        </div>
      )}
      <Field id="target-model" label={t('targets.model')} error={modelError}>
        <select
          id="target-model"
          data-testid="target-model"
          value={values.modelRequestId}
          aria-invalid={!!modelError}
          aria-describedby={describedBy('target-model', modelError)}
          onChange={(e) => update('modelRequestId', e.target.value)}
        >
          <option value="">{t('targets.chooseModel')}</option>
          {models.map((m) => (
            <option key={m.id} value={m.id}>
              {m.name} ({m.spec.dataset} → {m.spec.label})
            </option>
          ))}
        </select>
      </Field>
      <Field id="target-name" label={t('targets.name')} error={nameError}>
        <input
          id="target-name"
          data-testid="target-name"
          value={values.name}
          autoFocus
          aria-invalid={!!nameError}
          aria-describedby={describedBy('target-name', nameError)}
          onChange={(e) => update('name', e.target.value)}
        />
      </Field>
      <fieldset className="field">
        <legend>{t('targets.criteria')}</legend>
        <p className="hint">{t('targets.criteriaHint')}</p>
        <div className="grid-2 tight">
          <Field id="target-topn" label={t('targets.topN')} error={topNError}>
            <input
              id="target-topn"
              data-testid="target-topn"
              inputMode="numeric"
              value={values.topN}
              aria-invalid={!!topNError}
              aria-describedby={describedBy('target-topn', topNError)}
              onChange={(e) => update('topN', e.target.value)}
            />
          </Field>
          <Field id="target-minscore" label={t('targets.minScore')} error={minScoreError}>
            <input
              id="target-minscore"
              data-testid="target-minscore"
              inputMode="decimal"
              value={values.minScore}
              aria-invalid={!!minScoreError}
              aria-describedby={describedBy('target-minscore', minScoreError)}
              onChange={(e) => update('minScore', e.target.value)}
            />
          </Field>
        </div>
        <TargetExpectation modelRequestId={values.modelRequestId} topN={values.topN} minScore={values.minScore} />
      </fieldset>
      <Field id="target-message" label={t('targets.message')} error={messageError}>
        <textarea
          id="target-message"
          data-testid="target-message"
          rows={6}
          value={values.message}
          aria-invalid={!!messageError}
          aria-describedby={describedBy('target-message', messageError, true)}
          onChange={(e) => update('message', e.target.value)}
        />
        <ByteCounter text={values.message} />
      </Field>
      <ErrorList errors={formLevelErrors(serverErrors, TARGET_FIELDS)} testId="target-form-error" />
      <div className="form-actions">
        <button type="submit" className="btn btn-primary" disabled={fetching} data-testid="target-submit">
          {fetching ? t('modelForm.submitting') : t('targets.submit')}
        </button>
      </div>
    </form>
  );
}

/**
 * What the list is expected to bring, from the chosen model's validation curves and the size of the
 * population it scores (the dataset's rows): depth, lift and responders, updated as the analyst types.
 */
function TargetExpectation({ modelRequestId, topN, minScore }: { modelRequestId: string; topN: string; minScore: string }) {
  const { t, formatNumber } = useI18n();
  const [evaluationResult] = useQuery({ query: MODEL_EVALUATION, variables: { id: modelRequestId }, pause: !modelRequestId });
  const [datasetsResult] = useQuery({ query: DATASETS, pause: !modelRequestId });
  const model = evaluationResult.data?.modelRequest;
  const evaluation = model?.evaluation;
  const population = datasetsResult.data?.datasets.find((d) => d.name === model?.spec.dataset)?.rowCount;
  if (!modelRequestId || !model) return null;
  if (!evaluation || !population) {
    return <p className="hint small" data-testid="target-expectation-none">{t('targets.expectationNone')}</p>;
  }
  const n = /^\d+$/.test(topN.trim()) ? Number(topN.trim()) : null;
  const score = minScore.trim() ? parseDecimal(minScore) : null;
  const expected = expectTargets(evaluation, population, n, score != null && Number.isFinite(score) ? score : null);
  if (!expected) return null;
  return (
    <div className="expectation" data-testid="target-expectation" aria-live="polite" data-depth={expected.depth} data-responders={Math.round(expected.responders)}>
      <strong>{t('targets.expectation')}</strong>
      <dl className="facts facts-inline">
        <dt>{t('targets.expectedList')}</dt>
        <dd>
          {formatNumber(expected.listSize)} / {formatNumber(population)} ({formatNumber(expected.depth * 100, 1)}%)
        </dd>
        <dt>{t('evaluation.lift')}</dt>
        <dd data-testid="target-expected-lift">{formatNumber(expected.lift, 2)}×</dd>
        <dt>{t('targets.expectedResponders')}</dt>
        <dd data-testid="target-expected-responders">{formatNumber(Math.round(expected.responders))}</dd>
      </dl>
      <p className="hint small">{t('targets.expectationHint', { rate: formatNumber(evaluation.baseRate * 100, 1) })}</p>
    </div>
  );
}
