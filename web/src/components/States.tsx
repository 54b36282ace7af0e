import { useEffect, useRef } from 'react';
import type { CombinedError } from 'urql';
import { Link } from 'react-router-dom';
import { useI18n } from '../lib/i18n';
import { isKnownCode, isNotAvailable, isTransient, toAppErrors, type AppError } from '../lib/errors';

export function Loading({ label }: { label?: string }) {
  const { t } = useI18n();
  return (
    <div className="loading" role="status" aria-live="polite" data-testid="loading">
      <span className="spinner" aria-hidden="true" />
      {label ?? t('common.loading')}
    </div>
  );
}

/** Errors as people read them: a localised title per extensions.code, then the server's message. */
export function ErrorList({ errors, onRetry, testId = 'error' }: { errors: AppError[]; onRetry?: () => void; testId?: string }) {
  const { t } = useI18n();
  if (errors.length === 0) return null;
  return (
    <div className="alert alert-error" role="alert" data-testid={testId}>
      <ul>
        {errors.map((e, i) => (
          <li key={i} data-code={e.code}>
            <strong>{t(isKnownCode(e.code) ? `error.${e.code}` : 'error.UNKNOWN')}</strong>
            <span className="error-message"> — {e.message}</span>
            {e.currentState && <span className="error-detail"> ({t('error.currentState', { state: t(`state.${e.currentState}`) })})</span>}
            <code className="error-code">{e.code}</code>
          </li>
        ))}
      </ul>
      {onRetry && (
        <button type="button" className="btn btn-small" onClick={onRetry}>
          {t('common.retry')}
        </button>
      )}
    </div>
  );
}

export function NotAvailable({ feature }: { feature: string }) {
  const { t } = useI18n();
  return (
    <section className="empty-state" data-testid="not-available">
      <h2>{t('notAvailable.title')}</h2>
      <p>{t('notAvailable.body', { feature })}</p>
    </section>
  );
}

const AUTO_RETRY_MS = 3000;

/**
 * A query's error: "not available yet" when the schema lacks the field, else the error list.
 * A transient failure (a service restarting) is retried on its own every few seconds.
 */
export function QueryError({ error, feature, onRetry }: { error: CombinedError; feature: string; onRetry?: () => void }) {
  const errors = toAppErrors(error);
  const retryLater = isTransient(errors) && onRetry !== undefined;
  const retry = useRef(onRetry);
  retry.current = onRetry;
  // Re-armed by each new error: every failed retry is a new CombinedError.
  useEffect(() => {
    if (!retryLater) return;
    const timer = setTimeout(() => retry.current?.(), AUTO_RETRY_MS);
    return () => clearTimeout(timer);
  }, [error, retryLater]);
  return isNotAvailable(errors) ? <NotAvailable feature={feature} /> : <ErrorList errors={errors} onRetry={onRetry} />;
}

export function Forbidden() {
  const { t } = useI18n();
  return (
    <section className="empty-state" data-testid="forbidden">
      <h1>{t('forbidden.title')}</h1>
      <p>{t('forbidden.body')}</p>
      <Link to="/">{t('common.goHome')}</Link>
    </section>
  );
}

export function NotFound() {
  const { t } = useI18n();
  return (
    <section className="empty-state" data-testid="not-found">
      <h1>{t('notFound.title')}</h1>
      <p>{t('notFound.body')}</p>
      <Link to="/">{t('common.goHome')}</Link>
    </section>
  );
}
