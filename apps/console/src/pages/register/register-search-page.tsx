import { useLocation } from 'preact-iso';
import { useI18n } from '../../i18n/i18n';
import { useSession } from '../../session/session';
import { Grade } from '../../ui/grade';
import { Loading } from '../../ui/loading';
import { PageTitle } from '../../ui/page-title';
import { consolePath } from '../../ui/paths';
import { ProblemAlert } from '../../ui/problem-alert';
import { SearchForm } from '../../ui/search-form';
import { useAnswer } from '../../ui/use-answer';

const BIN = /^\d{12}$/;

/** The register check: one BIN goes straight to its card, words search the names. */
export function RegisterSearchPage() {
  const { t } = useI18n();
  const { api } = useSession();
  const { route, query } = useLocation();
  const searched = query.q ?? '';
  const answer = useAnswer(
    async () =>
      searched === ''
        ? { data: undefined }
        : api.GET('/v1/register', { params: { query: { name: searched, limit: 50 } } }),
    [api, searched],
  );

  const onSearch = (text: string) => {
    if (BIN.test(text)) route(consolePath('register', text));
    else route(`${consolePath('register')}?q=${encodeURIComponent(text)}`);
  };

  return (
    <>
      <PageTitle>{t('register.title')}</PageTitle>
      <p class="notice">{t('register.advisory')}</p>
      <SearchForm id="register-search" label={t('register.search')} initial={searched} onSearch={onSearch} />
      {searched !== '' && answer.state === 'loading' && <Loading />}
      {answer.state === 'refused' && <ProblemAlert problem={answer.problem} />}
      {answer.state === 'ok' && answer.data !== undefined && (
        <section aria-labelledby="results-heading">
          <h2 id="results-heading">{t('register.results')}</h2>
          {answer.data.items.length === 0 ? (
            <p>{t('register.noResults')}</p>
          ) : (
            <ul class="plain results">
              {answer.data.items.map((item) => (
                <li key={item.bin}>
                  <a href={consolePath('register', item.bin)}>{item.name}</a>{' '}
                  <span class="muted">
                    {t('entity.bin')} {item.bin}
                    {item.sector ? ` · ${item.sector}` : ''}
                    {item.region ? ` · ${item.region}` : ''}
                  </span>{' '}
                  <Grade grade={item.grade} />
                </li>
              ))}
            </ul>
          )}
        </section>
      )}
    </>
  );
}
