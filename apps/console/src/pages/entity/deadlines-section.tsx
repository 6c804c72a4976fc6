import type { ApiSchema } from '#api-contract';
import { useI18n } from '../../i18n/i18n';
import { deadlinesOf } from './deadlines';

/** What is due now: declarations to settle, audits to hold, certificates to renew. */
export function Deadlines({ profile }: { profile: ApiSchema<'EntityProfile'> }) {
  const { t, date } = useI18n();
  const deadlines = deadlinesOf(profile, Date.now());
  return (
    <section aria-labelledby="deadlines-heading" class="card">
      <h2 id="deadlines-heading">{t('entity.deadlines')}</h2>
      {deadlines.length === 0 ? (
        <p>{t('entity.noDeadlines')}</p>
      ) : (
        <ul>
          {deadlines.map((deadline) => (
            <li
              key={`${deadline.kind}-${deadline.id}`}
              class={deadline.kind.endsWith('Overdue') ? 'overdue' : undefined}
            >
              {t(`entity.deadline.${deadline.kind}`, { id: deadline.id, date: date(deadline.date) })}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
