import { useRoute } from 'preact-iso';
import { FACT_FORMS } from 'virtual:fact-forms';
import { useEffect, useRef, useState } from 'preact/hooks';
import { useI18n } from '../../i18n/i18n';
import { useSession } from '../../session/session';
import { Loading } from '../../ui/loading';
import { PageTitle } from '../../ui/page-title';
import { consolePath } from '../../ui/paths';
import { ProblemAlert } from '../../ui/problem-alert';
import { useAnswer } from '../../ui/use-answer';
import { bodyOf, FactFields, type Values } from './fact-fields';
import { FACT_OPERATIONS, factsFor, isRecordableFact, type RecordableFact } from './fact-operations';
import { pathChoices } from './path-choices';
import { useSubmission } from './use-submission';

function FactMenu({ bin }: { bin: string }) {
  const { t } = useI18n();
  const { caller } = useSession();
  return (
    <>
      <PageTitle>{t('record.title')}</PageTitle>
      <nav aria-label={t('record.choose')}>
        <ul class="fact-menu">
          {factsFor(caller?.role ?? '').map((fact) => (
            <li key={fact}>
              <a href={consolePath('entities', bin, 'record', fact)}>{t(`fact.${fact}`)}</a>
            </li>
          ))}
        </ul>
      </nav>
    </>
  );
}

function FactForm({ bin, fact }: { bin: string; fact: RecordableFact }) {
  const { t, label } = useI18n();
  const { api } = useSession();
  const [method, path] = FACT_OPERATIONS[fact].split(' ') as ['POST' | 'PATCH', string];
  const form = FACT_FORMS[FACT_OPERATIONS[fact]];
  const profile = useAnswer(() => api.GET('/v1/entities/{bin}', { params: { path: { bin } } }), [api, bin]);
  const [values, setValues] = useState<Values>({});
  const { outcome, submit } = useSubmission();
  const formRef = useRef<HTMLFormElement>(null);
  const pathParameters = form.pathParameters.filter((name) => name !== 'bin');

  useEffect(() => {
    // after a refusal, the first field it names takes the focus
    if (outcome.state !== 'refused') return;
    const first = Object.keys(outcome.fields)[0];
    const field = first === undefined ? undefined : formRef.current?.querySelector<HTMLElement>(`[name="${first}"]`);
    field?.focus();
  }, [outcome]);

  const onSubmit = async (event: Event) => {
    event.preventDefault();
    let url = path.replace('{bin}', encodeURIComponent(bin));
    for (const name of pathParameters)
      url = url.replace(`{${name}}`, encodeURIComponent(String(values[`path:${name}`] ?? '')));
    const recorded = await submit(method, url, bodyOf(form.fields, values));
    if (recorded.state === 'recorded') setValues({});
  };

  return (
    <>
      <PageTitle>{t(`fact.${fact}`)}</PageTitle>
      <p>
        <a href={consolePath('entities', bin)}>{profile.state === 'ok' ? profile.data.name : bin}</a>
      </p>
      <form ref={formRef} onSubmit={onSubmit} noValidate aria-describedby="retry-safe">
        {pathParameters.map((name) => {
          const choices = profile.state === 'ok' ? pathChoices(profile.data, name) : [];
          const id = `path-${name}`;
          return (
            <div class="field" key={name}>
              <label for={id}>
                {t('record.pathParameter')}: {label(`field.${name}`, name)}
              </label>
              <select
                id={id}
                name={name}
                required
                value={String(values[`path:${name}`] ?? '')}
                onChange={(e) =>
                  setValues({ ...values, [`path:${name}`]: (e.currentTarget as HTMLSelectElement).value })
                }
              >
                <option value="">{t('record.select')}</option>
                {choices.map((choice) => (
                  <option key={choice} value={choice}>
                    {choice}
                  </option>
                ))}
              </select>
            </div>
          );
        })}
        <FactFields
          fields={form.fields}
          values={values}
          errors={outcome.state === 'refused' ? outcome.fields : {}}
          onChange={(name, value) => setValues({ ...values, [name]: value })}
        />
        <p id="retry-safe" class="hint">
          {t('record.retrySafe')}
        </p>
        <button type="submit" disabled={outcome.state === 'sending'}>
          {outcome.state === 'sending' ? t('record.sending') : t('record.submit')}
        </button>
      </form>
      <div aria-live="polite">
        {outcome.state === 'recorded' && (
          <p class="success" role="status">
            {t('record.recorded', { id: outcome.eventId.slice(0, 8), revision: outcome.revision })}{' '}
            <a href={consolePath('entities', bin)}>{t('entity.score')}</a>
          </p>
        )}
        {outcome.state === 'refused' &&
          (Object.keys(outcome.fields).length > 0 ? (
            <p class="error" role="alert">
              {t('record.fixFields')}
            </p>
          ) : (
            <ProblemAlert problem={outcome.problem} />
          ))}
      </div>
      {profile.state === 'loading' && <Loading />}
    </>
  );
}

export function RecordPage() {
  const { params } = useRoute();
  const bin = params.bin ?? '';
  const fact = params.fact;
  return fact !== undefined && isRecordableFact(fact) ? <FactForm bin={bin} fact={fact} /> : <FactMenu bin={bin} />;
}
