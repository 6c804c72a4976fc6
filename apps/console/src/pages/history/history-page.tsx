import type { ApiSchema } from '#api-contract';
import { useRoute } from 'preact-iso';
import { useEffect, useState } from 'preact/hooks';
import { useI18n } from '../../i18n/i18n';
import { useSession } from '../../session/session';
import { Loading } from '../../ui/loading';
import { PageTitle } from '../../ui/page-title';
import { consolePath } from '../../ui/paths';
import { ProblemAlert } from '../../ui/problem-alert';
import { useAnswer } from '../../ui/use-answer';
import { isRecordableFact } from '../record/fact-operations';
import { AmendPanel } from './amend-panel';
import { ExportLink } from './export-link';
import { IntegrityCheck } from './integrity-check';
import { TransparencyCheck } from './transparency-check';

type StoredEvent = ApiSchema<'StoredEvent'>;

/** What each fact says now: its data as recorded, or as its latest correction has it. */
function currentData(events: readonly StoredEvent[]): Map<string, Readonly<Record<string, unknown>>> {
  const current = new Map(events.map((event) => [event.eventId, event.data as Record<string, unknown>]));
  for (const event of events) {
    if (event.type !== 'FactCorrected') continue;
    const { correctedEventId, data } = event.data as { correctedEventId: string; data: Record<string, unknown> };
    current.set(correctedEventId, data);
  }
  return current;
}

function EventData({ data }: { data: Readonly<Record<string, unknown>> }) {
  const { label } = useI18n();
  return (
    <dl class="data">
      {Object.entries(data).map(([name, value]) => (
        <div key={name}>
          <dt>{label(`field.${name}`, name)}</dt>
          <dd>{typeof value === 'object' ? JSON.stringify(value) : String(value)}</dd>
        </div>
      ))}
    </dl>
  );
}

export function HistoryPage() {
  const { params } = useRoute();
  const bin = params.bin ?? '';
  const { t, label, dateTime } = useI18n();
  const { api, caller } = useSession();
  const [reloads, setReloads] = useState(0);
  const [amending, setAmending] = useState<{ eventId: string; mode: 'retract' | 'correct' } | undefined>();
  const answer = useAnswer(async () => {
    const events: StoredEvent[] = [];
    let cursor: string | undefined;
    do {
      const page = await api.GET('/v1/entities/{bin}/events', {
        params: { path: { bin }, query: { limit: 1000, ...(cursor === undefined ? {} : { cursor }) } },
      });
      if (page.data === undefined) return { error: page.error };
      events.push(...page.data.events);
      cursor = page.data.next;
    } while (cursor !== undefined);
    return { data: events };
  }, [api, bin, reloads]);

  useEffect(() => {
    // a link to one event (from a factor or a flag) scrolls to it once the history is in
    if (answer.state === 'ok' && location.hash.startsWith('#event-'))
      document.getElementById(location.hash.slice(1))?.scrollIntoView();
  }, [answer.state]);

  const amends = (event: StoredEvent) =>
    isRecordableFact(event.type) &&
    event.retractedBy === undefined &&
    (caller?.role === 'admin' ||
      (caller?.role === 'officer' && event.type !== 'RegisterIndexRecorded') ||
      (caller?.role === 'registry' && event.type === 'RegisterIndexRecorded'));
  const audits = caller?.role === 'auditor' || caller?.role === 'admin';

  return (
    <>
      <PageTitle>{t('history.title')}</PageTitle>
      <p>
        <a href={consolePath('entities', bin)}>{bin}</a>
      </p>
      {answer.state === 'loading' && <Loading />}
      {answer.state === 'refused' && <ProblemAlert problem={answer.problem} />}
      {answer.state === 'ok' && (
        <>
          <IntegrityCheck bin={bin} events={answer.data} />
          {audits && <TransparencyCheck bin={bin} events={answer.data} />}
          {audits && <ExportLink bin={bin} />}
          <ol class="timeline" reversed>
            {[...answer.data].reverse().map((event) => {
              const current = currentData(answer.data).get(event.eventId) ?? {};
              return (
                <li
                  key={event.eventId}
                  id={`event-${event.eventId}`}
                  class={event.retractedBy ? 'retracted' : undefined}
                >
                  <article aria-labelledby={`title-${event.eventId}`}>
                    <h2 id={`title-${event.eventId}`}>{label(`fact.${event.type}`, event.type)}</h2>
                    <p class="muted">
                      {t('history.revision', { revision: event.revision })} ·{' '}
                      {t('history.recordedAt', { date: dateTime(event.recordedAt) })} ·{' '}
                      {t('history.recordedBy', {
                        who: `${event.metadata.recordedBy.id} (${t(`role.${event.metadata.recordedBy.role}`)})`,
                      })}
                    </p>
                    {event.retractedBy && (
                      <p class="mark">{t('history.retracted', { id: event.retractedBy.slice(0, 8) })}</p>
                    )}
                    {event.correctedBy && (
                      <p class="mark">
                        {t('history.corrected', { ids: event.correctedBy.map((id) => id.slice(0, 8)).join(', ') })}
                      </p>
                    )}
                    <details>
                      <summary>{t('history.details')}</summary>
                      <EventData data={event.data as Record<string, unknown>} />
                      <p class="mono small">
                        {t('history.hash')}: {event.hash}
                      </p>
                    </details>
                    {amends(event) && (
                      <p class="actions">
                        <button type="button" onClick={() => setAmending({ eventId: event.eventId, mode: 'retract' })}>
                          {t('history.retract')}
                        </button>
                        <button type="button" onClick={() => setAmending({ eventId: event.eventId, mode: 'correct' })}>
                          {t('history.correct')}
                        </button>
                      </p>
                    )}
                    {amending?.eventId === event.eventId && (
                      <AmendPanel
                        bin={bin}
                        event={event}
                        current={current}
                        mode={amending.mode}
                        onDone={() => {
                          setAmending(undefined);
                          setReloads((n) => n + 1);
                        }}
                      />
                    )}
                  </article>
                </li>
              );
            })}
          </ol>
        </>
      )}
    </>
  );
}
