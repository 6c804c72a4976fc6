import { useLocation } from 'preact-iso';
import { useState } from 'preact/hooks';
import { useI18n } from '../i18n/i18n';
import { useSession } from '../session/session';
import { PageTitle } from '../ui/page-title';
import { consolePath } from '../ui/paths';

export function SignInPage() {
  const { t } = useI18n();
  const { signIn, publicRegister } = useSession();
  const { route } = useLocation();
  const [key, setKey] = useState('');
  const [refused, setRefused] = useState(false);
  const [busy, setBusy] = useState(false);

  const submit = async (event: Event) => {
    event.preventDefault();
    setBusy(true);
    const known = await signIn(key.trim()).catch(() => false);
    setBusy(false);
    setRefused(!known);
    if (known) route(consolePath(), true);
  };

  return (
    <section class="narrow">
      <PageTitle>{t('signIn.title')}</PageTitle>
      <form onSubmit={submit} noValidate>
        <div class="field">
          <label for="api-key">{t('signIn.key')}</label>
          <input
            id="api-key"
            type="password"
            autocomplete="off"
            spellcheck={false}
            required
            value={key}
            aria-describedby="api-key-help api-key-error"
            aria-invalid={refused}
            onInput={(e) => setKey((e.currentTarget as HTMLInputElement).value)}
          />
          <p id="api-key-help" class="hint">
            {t('signIn.keyHelp')}
          </p>
          <p id="api-key-error" class="error" role="alert">
            {refused ? t('signIn.unknownKey') : ''}
          </p>
        </div>
        <button type="submit" disabled={busy || key.trim() === ''}>
          {t('signIn.submit')}
        </button>
      </form>
      {publicRegister && (
        <p>
          <a href={consolePath('register')}>{t('signIn.publicRegister')}</a>
        </p>
      )}
    </section>
  );
}
