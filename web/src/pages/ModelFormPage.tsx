import { useMemo, useState, type FormEvent } from 'react';
import { useNavigate } from 'react-router-dom';
import { useMutation, useQuery } from 'urql';
import { describedBy, Field } from '../components/Bits';
import { ErrorList, Loading, QueryError } from '../components/States';
import { fieldErrors, formLevelErrors, toAppErrors, type AppError } from '../lib/errors';
import { useI18n } from '../lib/i18n';
import { DATASETS, REQUEST_MODEL } from '../lib/queries';
import {
  ALGORITHMS,
  type Algorithm,
  hasProblems,
  MODEL_FIELDS,
  MODEL_LIMITS,
  parseDecimal,
  validateModelForm,
  type ModelField,
  type ModelFormValues,
} from '../lib/validation';

/** Where focus goes when a field is at fault. */
const FOCUS_TARGET: Record<ModelField, string> = {
  name: 'model-name',
  description: 'model-description',
  dataset: 'model-dataset',
  label: 'model-label',
  features: 'model-features',
  algorithm: 'model-algorithm',
  validationFraction: 'model-fraction',
};

const INITIAL: ModelFormValues = {
  name: '',
  description: '',
  dataset: '',
  label: '',
  features: [],
  algorithm: 'FAST_TREE',
  validationFraction: String(MODEL_LIMITS.fractionDefault),
};

export function ModelFormPage() {
  const { t, formatNumber } = useI18n();
  const navigate = useNavigate();
  const [datasetsResult, refetchDatasets] = useQuery({ query: DATASETS, requestPolicy: 'cache-first' });
  const datasets = useMemo(() => datasetsResult.data?.datasets ?? [], [datasetsResult.data]);
  const [values, setValues] = useState<ModelFormValues>(INITIAL);
  // A field's problem shows once it was edited, and every problem after a submit; never on blur
  // alone, which would move the submit button away from the pointer between press and release.
  const [touched, setTouched] = useState<Partial<Record<ModelField, boolean>>>({});
  const [submitted, setSubmitted] = useState(false);
  const [serverErrors, setServerErrors] = useState<AppError[]>([]);
  const [{ fetching }, requestModel] = useMutation(REQUEST_MODEL);

  const dataset = datasets.find((d) => d.name === values.dataset);
  const featureColumns = dataset ? dataset.columns.filter((c) => c.name !== values.label) : [];
  const problems = validateModelForm(values, datasets);
  const serverByField = fieldErrors(serverErrors);
  const otherErrors = formLevelErrors(serverErrors, MODEL_FIELDS);

  const errorOf = (field: ModelField): string | undefined => {
    if (serverByField[field]) return serverByField[field];
    const problem = problems[field];
    return problem && (submitted || touched[field]) ? t(problem.key, problem.params) : undefined;
  };

  function update(patch: Partial<ModelFormValues>, fields: ModelField[]) {
    setValues((v) => ({ ...v, ...patch }));
    setTouched((tch) => Object.fromEntries([...Object.entries(tch), ...fields.map((f) => [f, true])]));
    // A server complaint about a field is stale once the field changes.
    setServerErrors((errors) => errors.filter((e) => !(e.field && fields.includes(e.field as ModelField))));
  }

  function focusField(field: ModelField) {
    const element = document.getElementById(FOCUS_TARGET[field]);
    const focusable = element?.matches('fieldset') ? element.querySelector<HTMLElement>('input') : element;
    focusable?.focus();
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    setSubmitted(true);
    const first = MODEL_FIELDS.find((f) => problems[f]);
    if (first) {
      focusField(first);
      return;
    }
    const result = await requestModel({
      input: {
        name: values.name.trim(),
        description: values.description.trim() || null,
        dataset: values.dataset,
        label: values.label,
        features: [...values.features],
        // validateModelForm above has checked it is one of ALGORITHMS.
        algorithm: values.algorithm as Algorithm,
        validationFraction: parseDecimal(values.validationFraction),
      },
    });
    if (result.data?.requestModel) {
      navigate(`/models/${result.data.requestModel.id}`);
      return;
    }
    const errors = toAppErrors(result.error);
    setServerErrors(errors);
    const field = errors.find((e) => e.code === 'VALIDATION_FAILED' && e.field)?.field as ModelField | undefined;
    if (field && MODEL_FIELDS.includes(field)) focusField(field);
  }

  if (datasetsResult.error && !datasetsResult.data) {
    return (
      <QueryError error={datasetsResult.error} feature="datasets" onRetry={() => refetchDatasets({ requestPolicy: 'network-only' })} />
    );
  }
  if (!datasetsResult.data) return <Loading />;

  const nameError = errorOf('name');
  const descriptionError = errorOf('description');
  const datasetError = errorOf('dataset');
  const labelError = errorOf('label');
  const featuresError = errorOf('features');
  const algorithmError = errorOf('algorithm');
  const fractionError = errorOf('validationFraction');

  return (
    <div className="page narrow" data-testid="model-form-page">
      <h1>{t('modelForm.title')}</h1>
      <p className="muted">{t('modelForm.intro')}</p>
      <form onSubmit={submit} noValidate className="form card" data-testid="model-form">
        {submitted && hasProblems(problems) && (
          <div className="alert alert-error" role="alert" data-testid="form-invalid">
            {t('modelForm.fixErrors')}
          </div>
        )}
        <Field id="model-name" label={t('modelForm.name')} error={nameError}>
          <input
            id="model-name"
            data-testid="model-name"
            value={values.name}
            maxLength={MODEL_LIMITS.nameMax + 20}
            autoFocus
            aria-invalid={!!nameError}
            aria-describedby={describedBy('model-name', nameError)}
            onChange={(e) => update({ name: e.target.value }, ['name'])}
          />
        </Field>

        <Field
          id="model-dataset"
          label={t('modelForm.dataset')}
          error={datasetError}
          hint={dataset ? `${dataset.description} · ${t('modelForm.rows', { count: formatNumber(dataset.rowCount) })}` : undefined}
        >
          <select
            id="model-dataset"
            data-testid="model-dataset"
            value={values.dataset}
            aria-invalid={!!datasetError}
            aria-describedby={describedBy('model-dataset', datasetError, !!dataset)}
            onChange={(e) => {
              const next = datasets.find((d) => d.name === e.target.value);
              // A new dataset: its only label is picked for you, and the features start empty.
              update({ dataset: e.target.value, label: next?.labels.length === 1 ? next.labels[0] : '', features: [] }, ['dataset']);
            }}
          >
            <option value="">{t('modelForm.chooseDataset')}</option>
            {datasets.map((d) => (
              <option key={d.name} value={d.name}>
                {d.name}
              </option>
            ))}
          </select>
        </Field>

        <Field id="model-label" label={t('modelForm.label')} error={labelError}>
          <select
            id="model-label"
            data-testid="model-label"
            value={values.label}
            disabled={!dataset}
            aria-invalid={!!labelError}
            aria-describedby={describedBy('model-label', labelError)}
            onChange={(e) => update({ label: e.target.value, features: values.features.filter((f) => f !== e.target.value) }, ['label'])}
          >
            <option value="">{t('modelForm.chooseLabel')}</option>
            {dataset?.labels.map((label) => (
              <option key={label} value={label}>
                {label}
              </option>
            ))}
          </select>
        </Field>

        <fieldset
          id="model-features"
          className={featuresError ? 'field field-invalid' : 'field'}
          aria-describedby={describedBy('model-features', featuresError)}
          data-testid="model-features"
        >
          <legend>{t('modelForm.features')}</legend>
          {!dataset ? (
            <p className="hint">{t('modelForm.pickDatasetFirst')}</p>
          ) : (
            <>
              <div className="feature-tools">
                <span className="muted small" data-testid="features-count">
                  {t('modelForm.featuresCount', { count: values.features.length, total: featureColumns.length })}
                </span>
                <button
                  type="button"
                  className="btn btn-small btn-ghost"
                  onClick={() => update({ features: featureColumns.map((c) => c.name) }, ['features'])}
                >
                  {t('modelForm.selectAll')}
                </button>
                <button type="button" className="btn btn-small btn-ghost" onClick={() => update({ features: [] }, ['features'])}>
                  {t('modelForm.clearAll')}
                </button>
              </div>
              <ul className="checklist">
                {featureColumns.map((column) => {
                  const checked = values.features.includes(column.name);
                  return (
                    <li key={column.name}>
                      <label className="check">
                        <input
                          type="checkbox"
                          data-testid={`feature-${column.name}`}
                          checked={checked}
                          onChange={() =>
                            update(
                              { features: checked ? values.features.filter((f) => f !== column.name) : [...values.features, column.name] },
                              ['features'],
                            )
                          }
                        />
                        <span className="check-name">{column.name}</span>
                        <span className={`chip chip-${column.type.toLowerCase()}`}>{t(`columnType.${column.type}`)}</span>
                      </label>
                    </li>
                  );
                })}
              </ul>
            </>
          )}
          {featuresError && (
            <div className="field-error" id="model-features-error" role="alert" data-testid="error-model-features">
              {featuresError}
            </div>
          )}
        </fieldset>

        <fieldset id="model-algorithm" className={algorithmError ? 'field field-invalid' : 'field'} data-testid="model-algorithm">
          <legend>{t('modelForm.algorithm')}</legend>
          <div className="radio-row">
            {ALGORITHMS.map((algorithm) => (
              <label key={algorithm} className="radio-card">
                <input
                  type="radio"
                  name="algorithm"
                  value={algorithm}
                  data-testid={`algorithm-${algorithm}`}
                  checked={values.algorithm === algorithm}
                  onChange={() => update({ algorithm }, ['algorithm'])}
                />
                <span>{t(`algorithm.${algorithm}`)}</span>
              </label>
            ))}
          </div>
          {algorithmError && (
            <div className="field-error" role="alert" data-testid="error-model-algorithm">
              {algorithmError}
            </div>
          )}
        </fieldset>

        <Field id="model-fraction" label={t('modelForm.fraction')} error={fractionError} hint={t('modelForm.fractionHint')}>
          <input
            id="model-fraction"
            data-testid="model-fraction"
            inputMode="decimal"
            value={values.validationFraction}
            aria-invalid={!!fractionError}
            aria-describedby={describedBy('model-fraction', fractionError, true)}
            onChange={(e) => update({ validationFraction: e.target.value }, ['validationFraction'])}
          />
        </Field>

        <Field id="model-description" label={t('modelForm.description')} error={descriptionError}>
          <textarea
            id="model-description"
            data-testid="model-description"
            rows={3}
            value={values.description}
            aria-invalid={!!descriptionError}
            aria-describedby={describedBy('model-description', descriptionError)}
            onChange={(e) => update({ description: e.target.value }, ['description'])}
          />
        </Field>

        <ErrorList errors={otherErrors} testId="model-form-error" />
        <div className="form-actions">
          <button type="submit" className="btn btn-primary" disabled={fetching} data-testid="model-submit">
            {fetching ? t('modelForm.submitting') : t('modelForm.submit')}
          </button>
        </div>
      </form>
    </div>
  );
}
