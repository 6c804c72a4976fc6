import type { ChartConfiguration } from 'chart.js';
import { useMemo } from 'preact/hooks';
import { useI18n } from '../../i18n/i18n';
import { useSession } from '../../session/session';
import { ChartCanvas } from '../../ui/charts';
import { Grade } from '../../ui/grade';
import { consolePath } from '../../ui/paths';
import { useAnswer } from '../../ui/use-answer';

/** The score over time, from the score history: each change with the event that caused it. */
export function ScoreTimeline({ bin }: { bin: string }) {
  const { t, label, dateTime } = useI18n();
  const { api } = useSession();
  const history = useAnswer(
    () => api.GET('/v1/entities/{bin}/score-history', { params: { path: { bin }, query: { limit: 1000 } } }),
    [api, bin],
  );
  const changes = history.state === 'ok' ? history.data.changes : [];
  const config = useMemo<ChartConfiguration>(
    () => ({
      type: 'line',
      data: {
        labels: changes.map((change) => dateTime(change.recordedAt)),
        datasets: [{ data: changes.map((change) => change.score), borderColor: '#1f4e8c', stepped: true }],
      },
      options: { scales: { y: { min: 0, max: 100 } }, plugins: { tooltip: { enabled: true } } },
    }),
    [changes, dateTime],
  );
  if (history.state !== 'ok' || changes.length === 0) return null;
  return (
    <section aria-labelledby="timeline-heading" class="card">
      <h2 id="timeline-heading">{t('entity.timeline')}</h2>
      <ChartCanvas config={config} label={t('entity.timeline')} />
      <details>
        <summary>{t('entity.chartTable')}</summary>
        <ol class="plain">
          {changes.map((change) => (
            <li key={change.eventId}>
              {dateTime(change.recordedAt)}: {change.score} <Grade grade={change.grade} />{' '}
              <a href={`${consolePath('entities', bin, 'history')}#event-${change.eventId}`}>
                {t('entity.timelineEvent', { event: label(`fact.${change.type}`, change.type) })}
              </a>
            </li>
          ))}
        </ol>
      </details>
    </section>
  );
}
