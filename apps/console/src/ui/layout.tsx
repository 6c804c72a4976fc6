import type { ComponentChildren } from 'preact';
import { useI18n } from '../i18n/i18n';
import { LANGUAGE_NAMES, LANGUAGES, type Language } from '../i18n/messages';
import { useSession } from '../session/session';
import { consolePath } from './paths';

/** What a role may use, as the navigation shows it. */
function navigationFor(role: string | undefined, publicRegister: boolean) {
  const entities = role === 'officer' ? ('nav.myEntities' as const) : ('nav.entities' as const);
  return [
    ...(role === undefined || role === 'registry' ? [] : [{ href: consolePath('entities'), label: entities }]),
    ...(role !== undefined || publicRegister
      ? [{ href: consolePath('register'), label: 'nav.register' as const }]
      : []),
  ];
}

export function Layout({ children }: { children: ComponentChildren }) {
  const { t, language, setLanguage } = useI18n();
  const { caller, publicRegister, signOut } = useSession();
  const links = navigationFor(caller?.role, publicRegister);
  return (
    <>
      <a class="skip-link" href="#content">
        {t('app.skipToContent')}
      </a>
      <header class="top">
        <div class="brand">
          <span class="brand-title">{t('app.title')}</span>
          <span class="brand-subtitle">{t('app.subtitle')}</span>
        </div>
        <nav aria-label={t('nav.main')}>
          <ul>
            {links.map((link) => (
              <li key={link.href}>
                <a href={link.href}>{t(link.label)}</a>
              </li>
            ))}
          </ul>
        </nav>
        <div class="top-tools">
          <label>
            <span class="visually-hidden">{t('app.language')}</span>
            <select
              value={language}
              onChange={(e) => setLanguage((e.currentTarget as HTMLSelectElement).value as Language)}
            >
              {LANGUAGES.map((code) => (
                <option key={code} value={code} lang={code}>
                  {LANGUAGE_NAMES[code]}
                </option>
              ))}
            </select>
          </label>
          {caller ? (
            <>
              <span class="muted">{t('signIn.asRole', { id: caller.id, role: t(`role.${caller.role}`) })}</span>
              <button type="button" onClick={signOut}>
                {t('nav.signOut')}
              </button>
            </>
          ) : (
            <a href={consolePath('sign-in')}>{t('nav.signIn')}</a>
          )}
        </div>
      </header>
      <main id="content" tabIndex={-1}>
        {children}
      </main>
      <footer class="bottom muted">{t('app.advisory')}</footer>
    </>
  );
}
