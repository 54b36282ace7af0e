import type { ReactNode } from 'react';
import { useI18n } from '../lib/i18n';
import type { Candidate, Evaluation } from '../lib/types';

/** A line on a unit-square chart (both axes 0..1). */
export interface Series {
  name: string;
  points: readonly (readonly [number, number])[];
  /** Draw a dot at each point (few points, e.g. calibration bins). */
  dots?: boolean;
}

const SIZE = 240;
// Room left of the plot for the tick labels and, further left, the rotated axis label.
const PAD = 46;

/**
 * A small, dependency-free SVG line chart on [0,1]×[0,1] with the diagonal for reference, scaled to
 * its container (viewBox), so it stays readable on a phone. `summary` is its text alternative.
 */
export function UnitChart({
  series,
  xLabel,
  yLabel,
  summary,
  testId,
}: {
  series: readonly Series[];
  xLabel: string;
  yLabel: string;
  summary: string;
  testId?: string;
}) {
  const x = (v: number) => PAD + v * SIZE;
  const y = (v: number) => PAD + (1 - Math.min(1, Math.max(0, v))) * SIZE;
  const ticks = [0, 0.25, 0.5, 0.75, 1];
  return (
    <figure className="unit-chart" data-testid={testId}>
      <svg viewBox={`0 0 ${SIZE + PAD * 2} ${SIZE + PAD * 2}`} role="img" aria-label={summary}>
        {ticks.map((t) => (
          <g key={t} className="chart-grid">
            <line x1={x(t)} y1={y(0)} x2={x(t)} y2={y(1)} />
            <line x1={x(0)} y1={y(t)} x2={x(1)} y2={y(t)} />
            <text x={x(t)} y={y(0) + 14} textAnchor="middle" className="chart-tick">
              {t}
            </text>
            <text x={x(0) - 6} y={y(t) + 4} textAnchor="end" className="chart-tick">
              {t}
            </text>
          </g>
        ))}
        <line x1={x(0)} y1={y(0)} x2={x(1)} y2={y(1)} className="chart-diagonal" />
        {series.map((s, index) => (
          <g key={s.name} className={`chart-series chart-series-${index}`} data-series={s.name}>
            <polyline points={s.points.map(([px, py]) => `${x(px)},${y(py)}`).join(' ')} />
            {s.dots && s.points.map(([px, py], i) => <circle key={i} cx={x(px)} cy={y(py)} r={3.5} />)}
          </g>
        ))}
        <text x={x(0.5)} y={SIZE + PAD * 2 - 4} textAnchor="middle" className="chart-axis">
          {xLabel}
        </text>
        <text x={12} y={y(0.5)} textAnchor="middle" className="chart-axis" transform={`rotate(-90 12 ${y(0.5)})`}>
          {yLabel}
        </text>
      </svg>
      {series.length > 1 && (
        <figcaption className="chart-legend">
          {series.map((s, index) => (
            <span key={s.name} className={`legend-item chart-series-${index}`}>
              <span className="legend-swatch" aria-hidden="true" />
              {s.name}
            </span>
          ))}
        </figcaption>
      )}
    </figure>
  );
}

export function rocSeries(name: string, evaluation: Evaluation): Series {
  return { name, points: evaluation.roc.map((p) => [p.fpr, p.tpr] as const) };
}

/**
 * A table that may scroll sideways on a phone: focusable and named, so a keyboard user can scroll it
 * too (WCAG 2.1.1, axe scrollable-region-focusable).
 */
export function ScrollRegion({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="table-scroll" role="region" aria-label={label} tabIndex={0}>
      {children}
    </div>
  );
}

/** The leaderboard: every candidate, best first, the chosen one marked. */
export function Leaderboard({ rows }: { rows: readonly Candidate[] }) {
  const { t, formatNumber } = useI18n();
  return (
    <ScrollRegion label={t('leaderboard.title')}>
      <table className="table" data-testid="leaderboard">
        <thead>
          <tr>
            <th scope="col">#</th>
            <th scope="col">{t('models.algorithm')}</th>
            <th scope="col">{t('leaderboard.settings')}</th>
            <th scope="col">{t('metric.auc')}</th>
            <th scope="col">{t('metric.logLoss')}</th>
            <th scope="col">{t('metric.f1')}</th>
            <th scope="col">{t('leaderboard.trainingTime')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.rank} className={row.chosen ? 'row-chosen' : undefined} data-chosen={row.chosen} data-testid={`candidate-${row.rank}`}>
              <td>
                {row.rank}
                {row.chosen && <span className="badge badge-chosen"> {t('leaderboard.chosen')}</span>}
              </td>
              <td>{t(`algorithm.${row.algorithm}`)}</td>
              <td className="small mono">{row.settings}</td>
              <td>{formatNumber(row.auc, 4)}</td>
              <td>{formatNumber(row.logLoss, 3)}</td>
              <td>{formatNumber(row.f1, 3)}</td>
              <td>{formatNumber(row.trainingMs / 1000, 1)} s</td>
            </tr>
          ))}
        </tbody>
      </table>
    </ScrollRegion>
  );
}

/** ROC, gains and lift, calibration and the confusion matrix of one evaluation. */
export function EvaluationCharts({ evaluation, auc }: { evaluation: Evaluation; auc: number }) {
  const { t, formatNumber } = useI18n();
  const c = evaluation.confusion;
  const cell = (label: string, value: number, testId: string): ReactNode => (
    <td data-testid={testId}>
      <span className="visually-hidden">{label}: </span>
      {formatNumber(value)}
    </td>
  );
  return (
    <div className="chart-grid-layout" data-testid="evaluation">
      <section aria-labelledby="roc-title">
        <h3 id="roc-title">{t('evaluation.roc')}</h3>
        <UnitChart
          series={[rocSeries(t('evaluation.model'), evaluation)]}
          xLabel={t('evaluation.fpr')}
          yLabel={t('evaluation.tpr')}
          summary={t('evaluation.rocSummary', { auc: formatNumber(auc, 3), ks: formatNumber(evaluation.ks, 3) })}
          testId="chart-roc"
        />
        <p className="small muted">{t('evaluation.rocSummary', { auc: formatNumber(auc, 3), ks: formatNumber(evaluation.ks, 3) })}</p>
      </section>
      <section aria-labelledby="gains-title">
        <h3 id="gains-title">{t('evaluation.gains')}</h3>
        <UnitChart
          series={[{ name: t('evaluation.model'), points: [[0, 0] as const, ...evaluation.lift.map((p) => [p.depth, p.cumulativeGain] as const)], dots: true }]}
          xLabel={t('evaluation.depth')}
          yLabel={t('evaluation.cumulativeGain')}
          summary={evaluation.lift.map((p) => `${formatNumber(p.depth * 100)}%: ${formatNumber(p.cumulativeGain * 100, 1)}%`).join(', ')}
          testId="chart-gains"
        />
        <ScrollRegion label={t('evaluation.lift')}>
          <table className="table table-compact" data-testid="lift-table">
            <thead>
              <tr>
                <th scope="col">{t('evaluation.depth')}</th>
                <th scope="col">{t('evaluation.lift')}</th>
                <th scope="col">{t('evaluation.responseRate')}</th>
              </tr>
            </thead>
            <tbody>
              {evaluation.lift.map((p) => (
                <tr key={p.depth}>
                  <td>{formatNumber(p.depth * 100)}%</td>
                  <td>{formatNumber(p.lift, 2)}×</td>
                  <td>{formatNumber(p.responseRate * 100, 1)}%</td>
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollRegion>
      </section>
      <section aria-labelledby="calibration-title">
        <h3 id="calibration-title">{t('evaluation.calibration')}</h3>
        <UnitChart
          series={[{ name: t('evaluation.model'), points: evaluation.calibration.map((b) => [b.predicted, b.observed] as const), dots: true }]}
          xLabel={t('evaluation.predicted')}
          yLabel={t('evaluation.observed')}
          summary={evaluation.calibration
            .map((b) => `${formatNumber(b.predicted, 2)} → ${formatNumber(b.observed, 2)} (${formatNumber(b.count)})`)
            .join(', ')}
          testId="chart-calibration"
        />
      </section>
      <section aria-labelledby="confusion-title">
        <h3 id="confusion-title">{t('evaluation.confusion')}</h3>
        <p className="small muted">
          {t('evaluation.confusionHint', { threshold: formatNumber(evaluation.threshold, 3), rows: formatNumber(evaluation.rows) })}
        </p>
        <table className="table confusion" data-testid="confusion">
          <thead>
            <tr>
              <td />
              <th scope="col">{t('evaluation.predictedYes')}</th>
              <th scope="col">{t('evaluation.predictedNo')}</th>
            </tr>
          </thead>
          <tbody>
            <tr>
              <th scope="row">{t('evaluation.actualYes')}</th>
              {cell(t('evaluation.tp'), c.truePositive, 'confusion-tp')}
              {cell(t('evaluation.fn'), c.falseNegative, 'confusion-fn')}
            </tr>
            <tr>
              <th scope="row">{t('evaluation.actualNo')}</th>
              {cell(t('evaluation.fp'), c.falsePositive, 'confusion-fp')}
              {cell(t('evaluation.tn'), c.trueNegative, 'confusion-tn')}
            </tr>
          </tbody>
        </table>
        <p className="small muted">{t('evaluation.baseRate', { rate: formatNumber(evaluation.baseRate * 100, 1) })}</p>
      </section>
    </div>
  );
}
