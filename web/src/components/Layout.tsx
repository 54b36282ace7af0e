import type { ReactNode } from 'react';
import { Link, NavLink } from 'react-router-dom';
import { useMutation } from 'urql';
import { LOCALES, useI18n, type Locale } from '../lib/i18n';
import { useLiveStatus } from '../lib/live';
import { useMe } from '../lib/me';
import { useNotices } from '../lib/notices';
import { LOGOUT } from '../lib/queries';
import { hasMenu } from '../lib/routes';
import { useSession } from '../lib/session';

export function LocaleSwitch() {
  const { locale, setLocale, t } = useI18n();
  return (
    <label className="locale-switch">
      <span className="visually-hidden">{t('header.language')}</span>
      <select
        value={locale}
        onChange={(e) => setLocale(e.target.value as Locale)}
        data-testid="locale-select"
        aria-label={t('header.language')}
      >
        {LOCALES.map((l) => (
          <option key={l} value={l}>
            {l === 'ko' ? '한국어' : 'English'}
          </option>
        ))}
      </select>
    </label>
  );
}

function LiveIndicator() {
  const { t } = useI18n();
  const status = useLiveStatus();
  const label = status === 'connected' ? t('header.live') : status === 'connecting' ? t('header.connecting') : t('header.offline');
  return (
    <span className={`live live-${status}`} data-testid="live-status" data-status={status} title={label}>
      <span className="live-dot" aria-hidden="true" />
      <span className="live-label">{label}</span>
    </span>
  );
}

function NoticeBell() {
  const { t } = useI18n();
  const { available, unread } = useNotices();
  const me = useMe();
  if (!available || !hasMenu(me.menus, 'notices')) return null;
  const count = unread ?? 0;
  return (
    // The name is the link's own text (a hidden label around the visible count), not an aria-label, so
    // what a speech-input user sees is part of what they can say (WCAG 2.5.3, axe label-content-name-mismatch).
    <Link to="/notices" className="bell" data-testid="notice-bell">
      <svg viewBox="0 0 24 24" width="20" height="20" aria-hidden="true">
        <path
          d="M12 22a2.5 2.5 0 0 0 2.45-2h-4.9A2.5 2.5 0 0 0 12 22Zm7-6V11a7 7 0 0 0-5.5-6.84V3a1.5 1.5 0 0 0-3 0v1.16A7 7 0 0 0 5 11v5l-2 2v1h18v-1Z"
          fill="currentColor"
        />
      </svg>
      <span className="visually-hidden">{t('header.unreadBefore')}</span>
      <span className={count > 0 ? 'bell-count' : 'bell-count bell-zero'} data-testid="notice-badge" data-count={count}>
        {count > 99 ? '99+' : count}
      </span>
      <span className="visually-hidden">{t('header.unreadAfter')}</span>
    </Link>
  );
}

export function Layout({ children, wide }: { children: ReactNode; wide?: boolean }) {
  const { t } = useI18n();
  const me = useMe();
  const { signOut } = useSession();
  const [, logout] = useMutation(LOGOUT);
  // Best effort: the server ends the token when it can; the app forgets it either way.
  const signOutEverywhere = () => void logout({}).finally(() => signOut());
  return (
    <div className="shell">
      <a href="#main" className="skip-link">
        {t('header.skip')}
      </a>
      <header className="topbar">
        <Link to="/" className="brand">
          <span className="brand-mark" aria-hidden="true">
            ◆
          </span>{' '}
          {t('app.name')}
        </Link>
        <div className="topbar-right">
          <LiveIndicator />
          <NoticeBell />
          <LocaleSwitch />
          <span className="whoami" data-testid="whoami">
            {t('header.signedInAs', { name: me.displayName })}
          </span>
          <button type="button" className="btn btn-small btn-ghost" onClick={signOutEverywhere} data-testid="logout">
            {t('header.logout')}
          </button>
        </div>
      </header>
      <nav className="sidenav" aria-label={t('nav.label')}>
        <ul>
          {me.menus.map((menu) => (
            <li key={menu.key}>
              <NavLink to={menu.path} data-testid={`nav-${menu.key}`}>
                {menu.title || t(`menu.${menu.key}`)}
              </NavLink>
            </li>
          ))}
          <li>
            <NavLink to="/explorer" data-testid="nav-explorer">
              {t('nav.explorer')}
            </NavLink>
          </li>
        </ul>
      </nav>
      <main id="main" className={wide ? 'content content-wide' : 'content'} tabIndex={-1}>
        {children}
      </main>
    </div>
  );
}
