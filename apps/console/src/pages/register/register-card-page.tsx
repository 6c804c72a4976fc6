import type { ApiSchema } from '#api-contract';
import { useRoute } from 'preact-iso';
import { useI18n } from '../../i18n/i18n';
import { useSession } from '../../session/session';
import { Grade } from '../../ui/grade';
import { Loading } from '../../ui/loading';
import { PageTitle } from '../../ui/page-title';
import { ProblemAlert } from '../../ui/problem-alert';
import { useAnswer } from '../../ui/use-answer';

type View = ApiSchema<'RegisterView'>;

function Counts({ title, counts }: { title: string; counts: View['indicators']['last12Months'] }) {
  const { t } = useI18n();
  return (
    <div>
      <h3>{title}</h3>
      <dl class="counts">
        <dt>{t('register.convictions')}</dt>
        <dd>{counts.convictions}</dd>
        <dt>{t('register.giftBanViolations')}</dt>
        <dd>{counts.giftBanViolations}</dd>
        <dt>{t('register.undeclaredConflicts')}</dt>
        <dd>{counts.undeclaredConflicts}</dd>
        <dt>{t('register.headSanctions')}</dt>
        <dd>{counts.headSanctions}</dd>
      </dl>
    </div>
  );
}

/** One card per counterparty: what the register publishes about it, advisory, and no person in it. */
export function RegisterCardPage() {
  const { params } = useRoute();
  const bin = params.bin ?? '';
  const { t, label, date, number } = useI18n();
  const { api } = useSession();
  const answer = useAnswer(() => api.GET('/v1/register/{bin}', { params: { path: { bin } } }), [api, bin]);
  if (answer.state === 'loading') return <Loading />;
  if (answer.state === 'refused') {
    return (
      <>
        <PageTitle>{bin}</PageTitle>
        {answer.problem?.status === 404 ? <p>{t('register.notFound')}</p> : <ProblemAlert problem={answer.problem} />}
      </>
    );
  }
  const view = answer.data;
  const certificate = view.indicators.certificate;
  return (
    <article class="register-card">
      <PageTitle>{view.name}</PageTitle>
      <p class="muted">
        {t('entity.bin')} {view.bin}
        {view.sector ? ` · ${t('register.sector')}: ${view.sector}` : ''}
        {view.region ? ` · ${t('register.region')}: ${view.region}` : ''}
      </p>
      <p class="notice" role="note">
        {t('register.advisory')}
      </p>
      <section aria-labelledby="rating-heading" class="card score">
        <h2 id="rating-heading">{t('register.rating')}</h2>
        <p class="score-line">
          <span class="score-value">{t('entity.scoreOf', { score: number(view.rating.score, 2) })}</span>
          <Grade grade={view.rating.grade} />
        </p>
        <p class="muted">
          {t('entity.methodology', { version: view.rating.methodologyVersion })} ·{' '}
          {t('register.asOf', { date: date(view.rating.asOf) })}
        </p>
      </section>
      <section aria-labelledby="indicators-heading" class="card">
        <h2 id="indicators-heading">{t('register.indicators')}</h2>
        <h3>{t('register.certificate')}</h3>
        <p>
          {certificate === null
            ? t('register.noCertificate')
            : `${label(`choice.${certificate.standard}`, certificate.standard)}${certificate.edition ? `:${certificate.edition}` : ''} · ${certificate.certificateNumber} · ${certificate.certificationBody} · ${label(`certificate.${certificate.status}`, certificate.status)} · ${t('register.validUntil', { date: date(certificate.validUntil) })}`}
        </p>
        <h3>{t('register.complianceService')}</h3>
        <p>
          {view.indicators.complianceService.established ? t('register.established') : t('register.notEstablished')}
        </p>
        <p>
          {t('register.openInvestigations')}: {view.indicators.openInvestigations}
        </p>
        <div class="columns">
          <Counts title={t('register.last12Months')} counts={view.indicators.last12Months} />
          <Counts title={t('register.last36Months')} counts={view.indicators.last36Months} />
          <div>
            <h3>{t('register.conflictsOfInterest')}</h3>
            <dl class="counts">
              <dt>{t('register.declared')}</dt>
              <dd>{view.indicators.conflictsOfInterest.declared36m}</dd>
              <dt>{t('register.settled')}</dt>
              <dd>{view.indicators.conflictsOfInterest.settled36m}</dd>
              <dt>{t('register.overdue')}</dt>
              <dd>{view.indicators.conflictsOfInterest.overdue}</dd>
            </dl>
          </div>
        </div>
      </section>
      <section aria-labelledby="flags-heading" class="card">
        <h2 id="flags-heading">{t('entity.flags')}</h2>
        {view.flags.length === 0 ? (
          <p>{t('entity.noFlags')}</p>
        ) : (
          <ul>
            {view.flags.map((flag) => (
              <li key={flag.code}>{label(`flag.${flag.code}`, flag.code)}</li>
            ))}
          </ul>
        )}
      </section>
      <section aria-labelledby="clear-wave-heading" class="card">
        <h2 id="clear-wave-heading">{t('entity.clearWave')}</h2>
        <p>{view.clearWave.eligible ? t('entity.clearWaveEligible') : t('entity.clearWaveNot')}</p>
        {!view.clearWave.eligible && (
          <ul>
            {view.clearWave.unmet.map((condition) => (
              <li key={condition}>{label(`clearWave.${condition}`, condition)}</li>
            ))}
          </ul>
        )}
      </section>
      <section aria-labelledby="indices-heading" class="card">
        <h2 id="indices-heading">{t('register.indices')}</h2>
        {view.registerIndices.length === 0 ? (
          <p>{t('register.noIndices')}</p>
        ) : (
          <dl class="counts">
            {view.registerIndices.map((index) => (
              <div key={index.index}>
                <dt>{label(`choice.${index.index}`, index.index)}</dt>
                <dd>
                  {number(index.value, 2)} (
                  {t('register.indexSource', { source: index.source, date: date(index.asOf) })})
                </dd>
              </div>
            ))}
          </dl>
        )}
      </section>
    </article>
  );
}
