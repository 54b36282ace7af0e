import { useState, type FormEvent } from 'react';
import { useMutation } from 'urql';
import { LocaleSwitch } from '../components/Layout';
import { ErrorList } from '../components/States';
import { toAppErrors, type AppError } from '../lib/errors';
import { useI18n } from '../lib/i18n';
import { LOGIN } from '../lib/queries';
import { useSession } from '../lib/session';

/** The development accounts exist only on a local stack: the hint is not shown anywhere else. */
function isLocalMachine(): boolean {
  return ['localhost', '127.0.0.1', '[::1]'].includes(window.location.hostname);
}

export function LoginPage() {
  const { t } = useI18n();
  const { signIn, signedOutBecause } = useSession();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [errors, setErrors] = useState<AppError[]>([]);
  const [missing, setMissing] = useState(false);
  const [{ fetching }, login] = useMutation(LOGIN);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!username.trim() || !password) {
      setMissing(true);
      return;
    }
    setMissing(false);
    const result = await login({ username: username.trim(), password });
    if (result.data?.login) {
      signIn({ token: result.data.login.token, expiresAt: result.data.login.expiresAt });
    } else {
      setErrors(toAppErrors(result.error));
    }
  }

  return (
    <main className="login-page">
      <div className="login-card">
        <div className="login-head">
          <h1>
            <span className="brand-mark" aria-hidden="true">
              ◆
            </span>{' '}
            {t('app.name')}
          </h1>
          <LocaleSwitch />
        </div>
        <p className="muted">{t('app.tagline')}</p>
        {signedOutBecause === 'expired' && (
          <div className="alert alert-info" role="status">
            {t('login.expired')}
          </div>
        )}
        <form onSubmit={submit} noValidate aria-label={t('login.title')}>
          <h2>{t('login.title')}</h2>
          <div className="field">
            <label htmlFor="login-username">{t('login.username')}</label>
            <input
              id="login-username"
              data-testid="login-username"
              autoComplete="username"
              autoFocus
              value={username}
              onChange={(e) => setUsername(e.target.value)}
              aria-invalid={missing && !username.trim()}
            />
          </div>
          <div className="field">
            <label htmlFor="login-password">{t('login.password')}</label>
            <input
              id="login-password"
              data-testid="login-password"
              type="password"
              autoComplete="current-password"
              value={password}
              onChange={(e) => setPassword(e.target.value)}
              aria-invalid={missing && !password}
            />
          </div>
          {missing && (
            <div className="field-error" role="alert" data-testid="login-missing">
              {t('login.required')}
            </div>
          )}
          <ErrorList errors={errors} testId="login-error" />
          <button type="submit" className="btn btn-primary btn-block" disabled={fetching} data-testid="login-submit">
            {fetching ? t('login.submitting') : t('login.submit')}
          </button>
        </form>
        {isLocalMachine() && <p className="hint small">{t('login.devHint')}</p>}
      </div>
    </main>
  );
}
