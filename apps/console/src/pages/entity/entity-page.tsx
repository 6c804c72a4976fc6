import { useRoute } from 'preact-iso';
import { useMemo, useState } from 'preact/hooks';
import { useI18n } from '../../i18n/i18n';
import { useSession } from '../../session/session';
import { fromLocalInput } from '../../ui/business-time';
import { Grade } from '../../ui/grade';
import { Loading } from '../../ui/loading';
import { PageTitle } from '../../ui/page-title';
import { consolePath } from '../../ui/paths';
import { ProblemAlert } from '../../ui/problem-alert';
import { useAnswer } from '../../ui/use-answer';
import { Deadlines } from './deadlines-section';
import { EventLinks } from './event-links';
import { FactorBreakdown } from './factor-breakdown';
import { ScoreTimeline } from './score-timeline';

function TimeTravel({ onChange }: { onChange(asOf: string, knownAt: string): void }) {
  const { t } = useI18n();
  const [asOf, setAsOf] = useState('');
  const [knownAt, setKnownAt] = useState('');
  return (
    <form
      class="time-travel"
      onSubmit={(e) => {
        e.preventDefault();
        onChange(asOf, knownAt);
      }}
    >
      <fieldset>
        <legend>{t('entity.timeTravel')}</legend>
        <label for="as-of">{t('entity.asOf')}</label>
        <input
          id="as-of"
          type="datetime-local"
          step={1}
          value={asOf}
          onInput={(e) => setAsOf((e.currentTarget as HTMLInputElement).value)}
        />
        <label for="known-at">{t('entity.knownAt')}</label>
        <input
          id="known-at"
          type="datetime-local"
          step={1}
          value={knownAt}
          onInput={(e) => setKnownAt((e.currentTarget as HTMLInputElement).value)}
        />
        <div class="inline">
          <button type="submit">{t('entity.apply')}</button>
          <button
            type="button"
            onClick={() => {
              setAsOf('');
              setKnownAt('');
              onChange('', '');
            }}
          >
            {t('entity.now')}
          </button>
        </div>
      </fieldset>
    </form>
  );
}

export function EntityPage() {
  const { params } = useRoute();
  const bin = params.bin ?? '';
  const { t, label } = useI18n();
  const { api, caller } = useSession();
  const [instants, setInstants] = useState({ asOf: '', knownAt: '' });
  const query = useMemo(() => {
    const asOf = fromLocalInput(instants.asOf);
    const knownAt = fromLocalInput(instants.knownAt);
    return { ...(asOf === undefined ? {} : { asOf }), ...(knownAt === undefined ? {} : { knownAt }) };
  }, [instants]);
  const profile = useAnswer(() => api.GET('/v1/entities/{bin}', { params: { path: { bin } } }), [api, bin]);
  const score = useAnswer(
    () => api.GET('/v1/entities/{bin}/score', { params: { path: { bin }, query } }),
    [api, bin, query],
  );
  const name = profile.state === 'ok' ? profile.data.name : bin;
  const records = caller?.role === 'officer' || caller?.role === 'admin' || caller?.role === 'registry';

  return (
    <>
      <PageTitle>{name}</PageTitle>
      <p class="muted">
        {t('entity.bin')} {bin}
      </p>
      <p class="actions">
        {records && <a href={consolePath('entities', bin, 'record')}>{t('entity.record')}</a>}
        <a href={consolePath('entities', bin, 'history')}>{t('entity.history')}</a>
      </p>
      <TimeTravel onChange={(asOf, knownAt) => setInstants({ asOf, knownAt })} />
      {score.state === 'loading' && <Loading />}
      {score.state === 'refused' && <ProblemAlert problem={score.problem} />}
      {score.state === 'ok' && (
        <>
          <section aria-labelledby="score-heading" class="card score" aria-live="polite">
            <h2 id="score-heading">{t('entity.score')}</h2>
            <p class="score-line">
              <span class="score-value" data-testid="score">
                {t('entity.scoreOf', { score: score.data.score })}
              </span>
              <Grade grade={score.data.grade} />
            </p>
            <p class="muted">{t('entity.methodology', { version: score.data.methodologyVersion })}</p>
          </section>
          <FactorBreakdown bin={bin} card={score.data} />
          <section aria-labelledby="flags-heading" class="card">
            <h2 id="flags-heading">{t('entity.flags')}</h2>
            {score.data.flags.length === 0 ? (
              <p>{t('entity.noFlags')}</p>
            ) : (
              <ul class="plain">
                {score.data.flags.map((flag) => (
                  <li key={flag.code} class="flag">
                    <span>{label(`flag.${flag.code}`, flag.code)}</span>{' '}
                    <EventLinks bin={bin} eventIds={flag.eventIds} />
                  </li>
                ))}
              </ul>
            )}
          </section>
          <section aria-labelledby="clear-wave-heading" class="card">
            <h2 id="clear-wave-heading">{t('entity.clearWave')}</h2>
            {score.data.clearWave.eligible ? (
              <p>{t('entity.clearWaveEligible')}</p>
            ) : (
              <>
                <p>{t('entity.clearWaveNot')}</p>
                <ul>
                  {score.data.clearWave.unmet.map((condition) => (
                    <li key={condition}>{label(`clearWave.${condition}`, condition)}</li>
                  ))}
                </ul>
              </>
            )}
          </section>
        </>
      )}
      {profile.state === 'ok' && <Deadlines profile={profile.data} />}
      <ScoreTimeline bin={bin} />
    </>
  );
}
