import type { ReactNode } from 'react';
import { useI18n } from '../lib/i18n';
import type { HistoryEntry } from '../lib/types';

export function StateBadge({ state, testId }: { state: string; testId?: string }) {
  const { t } = useI18n();
  return (
    <span className={`badge state-${state.toLowerCase()}`} data-testid={testId} data-state={state}>
      {t(`state.${state}`)}
    </span>
  );
}

export function ProgressBar({ value, label, testId }: { value: number; label: string; testId?: string }) {
  const percent = Math.round(Math.max(0, Math.min(1, value)) * 100);
  return (
    <div
      className="progress"
      role="progressbar"
      aria-label={label}
      aria-valuemin={0}
      aria-valuemax={100}
      aria-valuenow={percent}
      data-testid={testId}
      data-value={value}
    >
      <div className="progress-fill" style={{ width: `${percent}%` }} />
      <span className="progress-text">{percent}%</span>
    </div>
  );
}

/** Horizontal bars, one per feature, scaled to the largest; plain SVG so it prints and scales. */
export function ImportanceChart({ items, testId }: { items: { feature: string; importance: number }[]; testId?: string }) {
  const { formatNumber } = useI18n();
  const max = Math.max(...items.map((i) => Math.abs(i.importance)), 1e-9);
  const rowHeight = 26;
  const labelWidth = 170;
  const barWidth = 260;
  const width = labelWidth + barWidth + 70;
  return (
    <svg
      className="importance-chart"
      viewBox={`0 0 ${width} ${items.length * rowHeight + 4}`}
      role="img"
      data-testid={testId}
      aria-label={items.map((i) => `${i.feature} ${formatNumber(i.importance, 4)}`).join(', ')}
    >
      {items.map((item, index) => {
        const y = index * rowHeight + 2;
        const w = Math.max(1, (Math.abs(item.importance) / max) * barWidth);
        return (
          <g key={item.feature} data-feature={item.feature}>
            <text x={labelWidth - 8} y={y + 16} textAnchor="end" className="chart-label">
              {item.feature}
            </text>
            <rect
              x={labelWidth}
              y={y + 3}
              width={w}
              height={rowHeight - 8}
              rx={3}
              className={item.importance < 0 ? 'bar bar-negative' : 'bar'}
            />
            <text x={labelWidth + w + 6} y={y + 16} className="chart-value">
              {formatNumber(item.importance, 4)}
            </text>
          </g>
        );
      })}
    </svg>
  );
}

export function Timeline({ entries, testId }: { entries: HistoryEntry[]; testId?: string }) {
  const { t, formatDateTime } = useI18n();
  return (
    <ol className="timeline" data-testid={testId}>
      {entries.map((entry, index) => (
        <li key={`${entry.state}-${entry.at}-${index}`} data-state={entry.state}>
          <span className={`dot state-${entry.state.toLowerCase()}`} aria-hidden="true" />
          <div>
            <strong>{t(`state.${entry.state}`)}</strong> <span className="muted">· {entry.by}</span>
            <div className="muted small">
              <time dateTime={entry.at}>{formatDateTime(entry.at, { seconds: true })}</time>
            </div>
            {entry.note && <div className="note">{entry.note}</div>}
          </div>
        </li>
      ))}
    </ol>
  );
}

export function Pager({
  page,
  total,
  hasNext,
  onNext,
  onPrevious,
  testId = 'pager',
}: {
  page: number;
  total: number | null;
  hasNext: boolean;
  onNext: () => void;
  onPrevious: () => void;
  testId?: string;
}) {
  const { t } = useI18n();
  return (
    <nav className="pager" aria-label="pagination" data-testid={testId}>
      <button type="button" className="btn btn-small" onClick={onPrevious} disabled={page <= 1} data-testid={`${testId}-previous`}>
        ← {t('common.previous')}
      </button>
      <span className="muted">{t('common.pageInfo', { page, total: total ?? '?' })}</span>
      <button type="button" className="btn btn-small" onClick={onNext} disabled={!hasNext} data-testid={`${testId}-next`}>
        {t('common.next')} →
      </button>
    </nav>
  );
}

/** A labelled form field whose error is announced and tied to the input (aria-describedby). */
export function Field({
  id,
  label,
  error,
  hint,
  children,
}: {
  id: string;
  label: ReactNode;
  error?: string;
  hint?: ReactNode;
  children: ReactNode;
}) {
  return (
    <div className={error ? 'field field-invalid' : 'field'}>
      <label htmlFor={id}>{label}</label>
      {children}
      {hint && (
        <div className="hint" id={`${id}-hint`}>
          {hint}
        </div>
      )}
      {error && (
        <div className="field-error" id={`${id}-error`} role="alert" data-testid={`error-${id}`}>
          {error}
        </div>
      )}
    </div>
  );
}

export function describedBy(id: string, error?: string, hint?: boolean): string | undefined {
  const ids = [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean);
  return ids.length > 0 ? ids.join(' ') : undefined;
}
