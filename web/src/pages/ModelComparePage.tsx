import { useEffect, useState } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { useClient } from 'urql';
import { rocSeries, ScrollRegion, UnitChart } from '../components/Charts';
import { ErrorList, Loading } from '../components/States';
import { toAppErrors, type AppError } from '../lib/errors';
import { useI18n } from '../lib/i18n';
import { MODEL_EVALUATION } from '../lib/queries';
import type { EvaluatedModel } from '../lib/types';

export const MAX_COMPARED = 4;

/** The model ids a compare URL names (`?ids=a,b,c`): distinct, at most four. */
export function comparedIds(raw: string | null): string[] {
  return [...new Set((raw ?? '').split(',').map((id) => id.trim()).filter(Boolean))].slice(0, MAX_COMPARED);
}

/** Two to four completed models side by side: their figures in one table and their ROC curves on one chart. */
export function ModelComparePage() {
  const { t, formatNumber } = useI18n();
  const [params] = useSearchParams();
  const ids = comparedIds(params.get('ids'));
  const key = ids.join(',');
  const client = useClient();
  const [models, setModels] = useState<EvaluatedModel[] | null>(null);
  const [errors, setErrors] = useState<AppError[]>([]);

  useEffect(() => {
    let live = true;
    setModels(null);
    Promise.all(key.split(',').filter(Boolean).map((id) => client.query(MODEL_EVALUATION, { id }).toPromise())).then((results) => {
      if (!live) return;
      setErrors(results.flatMap((r) => toAppErrors(r.error)));
      setModels(results.map((r) => r.data?.modelRequest).filter((m): m is EvaluatedModel => !!m));
    });
    return () => {
      live = false;
    };
  }, [client, key]);

  if (ids.length < 2) {
    return (
      <div className="page">
        <h1>{t('compare.title')}</h1>
        <p className="empty">{t('compare.pickTwo')}</p>
        <Link to="/models?state=COMPLETED">{t('compare.pick')}</Link>
      </div>
    );
  }
  if (!models) return <Loading />;
  const evaluated = models.filter((m) => m.evaluation && m.metrics);
  const rows: [string, (m: EvaluatedModel) => string][] = [
    [t('models.dataset'), (m) => `${m.spec.dataset} → ${m.spec.label}`],
    [t('models.algorithm'), (m) => t(`algorithm.${(m.leaderboard.find((c) => c.chosen)?.algorithm ?? m.spec.algorithm)}`)],
    [t('metric.auc'), (m) => (m.metrics ? formatNumber(m.metrics.auc, 4) : '–')],
    [t('evaluation.ks'), (m) => (m.evaluation ? formatNumber(m.evaluation.ks, 3) : '–')],
    [t('evaluation.topDecileLift'), (m) => (m.evaluation ? `${formatNumber(m.evaluation.lift[0]?.lift ?? 0, 2)}×` : '–')],
    [t('metric.f1'), (m) => (m.metrics ? formatNumber(m.metrics.f1, 3) : '–')],
    [t('metric.logLoss'), (m) => (m.metrics ? formatNumber(m.metrics.logLoss, 3) : '–')],
    [t('leaderboard.candidates'), (m) => formatNumber(m.leaderboard.length)],
    [t('metric.duration'), (m) => (m.metrics ? `${formatNumber(m.metrics.durationMs / 1000, 1)} s` : '–')],
  ];
  return (
    <div className="page" data-testid="compare-page">
      <p className="breadcrumb">
        <Link to="/models">← {t('models.title')}</Link>
      </p>
      <h1>{t('compare.title')}</h1>
      <ErrorList errors={errors} testId="compare-error" />
      <ScrollRegion label={t('compare.title')}>
        <table className="table" data-testid="compare-table">
          <thead>
            <tr>
              <td />
              {models.map((m) => (
                <th key={m.id} scope="col">
                  <Link to={`/models/${m.id}`}>{m.name}</Link>
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map(([label, value]) => (
              <tr key={label}>
                <th scope="row">{label}</th>
                {models.map((m) => (
                  <td key={m.id}>{value(m)}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </ScrollRegion>
      {evaluated.length > 0 && (
        <section className="card" aria-labelledby="compare-roc">
          <h2 id="compare-roc">{t('evaluation.roc')}</h2>
          <UnitChart
            series={evaluated.map((m) => rocSeries(m.name, m.evaluation!))}
            xLabel={t('evaluation.fpr')}
            yLabel={t('evaluation.tpr')}
            summary={evaluated.map((m) => `${m.name}: AUC ${formatNumber(m.metrics!.auc, 3)}`).join(', ')}
            testId="compare-roc-chart"
          />
        </section>
      )}
    </div>
  );
}
