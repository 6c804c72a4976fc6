import type { ApiSchema } from '#api-contract';
import type { ChartConfiguration } from 'chart.js';
import { useMemo } from 'preact/hooks';
import { useI18n } from '../../i18n/i18n';
import { ChartCanvas } from '../../ui/charts';
import { EventLinks } from './event-links';

type ScoreCard = ApiSchema<'ScoreCard'>;

/** The score's factors as a chart of points, and as a table with each factor's events one click away. */
export function FactorBreakdown({ bin, card }: { bin: string; card: ScoreCard }) {
  const { t, label, number } = useI18n();
  const factors = card.factors.filter((factor) => factor.points !== 0 || factor.eventIds.length > 0);
  const names = factors.map((factor) => label(`factor.${factor.factor}`, factor.factor));
  const config = useMemo<ChartConfiguration>(
    () => ({
      type: 'bar',
      data: {
        labels: names,
        datasets: [
          {
            data: factors.map((factor) => factor.points),
            backgroundColor: factors.map((factor) => (factor.points < 0 ? '#b3261e' : '#1d6b4f')),
          },
        ],
      },
      options: { indexAxis: 'y', plugins: { tooltip: { enabled: true } }, scales: { x: { beginAtZero: true } } },
    }),
    [card, names.join()],
  );
  return (
    <section aria-labelledby="factors-heading" class="card">
      <h2 id="factors-heading">{t('entity.factors')}</h2>
      <ChartCanvas config={config} label={t('entity.factors')} />
      <table>
        <caption class="visually-hidden">{t('entity.chartTable')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('entity.pillars')}</th>
            <th scope="col">{t('entity.factors')}</th>
            <th scope="col">{t('entity.score')}</th>
            <th scope="col">{t('entity.factorEvents')}</th>
          </tr>
        </thead>
        <tbody>
          {factors.map((factor, i) => (
            <tr key={factor.factor}>
              <td>{label(`pillar.${factor.pillar}`, factor.pillar)}</td>
              <th scope="row">{names[i]}</th>
              <td class="number">{number(factor.points, 2)}</td>
              <td>
                <EventLinks bin={bin} eventIds={factor.eventIds} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
