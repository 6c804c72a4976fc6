import type { ApiSchema } from '#api-contract';
import { FACT_FORMS } from 'virtual:fact-forms';
import { useState } from 'preact/hooks';
import { useI18n } from '../../i18n/i18n';
import { ProblemAlert } from '../../ui/problem-alert';
import { FactFields, bodyOf, valuesOf, type Values } from '../record/fact-fields';
import { FACT_OPERATIONS, isRecordableFact } from '../record/fact-operations';
import { useSubmission } from '../record/use-submission';

type StoredEvent = ApiSchema<'StoredEvent'>;

/**
 * Retracting or correcting a fact: a new event that says so, never an edit. A correction is the
 * fact's complete corrected body, in the form of the fact's own kind, filled with what it says now.
 */
export function AmendPanel({
  bin,
  event,
  current,
  mode,
  onDone,
}: {
  bin: string;
  event: StoredEvent;
  current: Readonly<Record<string, unknown>>;
  mode: 'retract' | 'correct';
  onDone(): void;
}) {
  const { t } = useI18n();
  const { outcome, submit } = useSubmission();
  const [reason, setReason] = useState('');
  const form = isRecordableFact(event.type) ? FACT_FORMS[FACT_OPERATIONS[event.type]] : undefined;
  const [values, setValues] = useState<Values>(() => valuesOf(current));
  const url = `/v1/entities/${encodeURIComponent(bin)}/events/${event.eventId}/${mode === 'retract' ? 'retraction' : 'correction'}`;
  const errors = outcome.state === 'refused' ? outcome.fields : {};

  const onSubmit = async (e: Event) => {
    e.preventDefault();
    const body = mode === 'retract' ? { reason } : { reason, data: bodyOf(form?.fields ?? [], values) };
    const sent = await submit('POST', url, body);
    if (sent.state === 'recorded') onDone();
  };

  return (
    <form class="amend" onSubmit={onSubmit} noValidate aria-labelledby={`amend-${event.eventId}`}>
      <h3 id={`amend-${event.eventId}`}>
        {t(mode === 'retract' ? 'history.retractTitle' : 'history.correctTitle', { id: event.eventId.slice(0, 8) })}
      </h3>
      <div class="field">
        <label for={`reason-${event.eventId}`}>{t('history.reason')}</label>
        <textarea
          id={`reason-${event.eventId}`}
          name="reason"
          required
          rows={2}
          aria-invalid={errors.reason !== undefined}
          aria-describedby={`reason-${event.eventId}-error`}
          value={reason}
          onInput={(e) => setReason((e.currentTarget as HTMLTextAreaElement).value)}
        />
        <p id={`reason-${event.eventId}-error`} class="error">
          {errors.reason === undefined ? '' : t('record.invalidValue', { message: errors.reason })}
        </p>
      </div>
      {mode === 'correct' && form && (
        <FactFields
          fields={form.fields}
          values={values}
          errors={errors}
          onChange={(name, value) => setValues({ ...values, [name]: value })}
        />
      )}
      <button type="submit" disabled={outcome.state === 'sending'}>
        {t(mode === 'retract' ? 'history.retract' : 'history.correct')}
      </button>
      {outcome.state === 'refused' && Object.keys(outcome.fields).length === 0 && (
        <ProblemAlert problem={outcome.problem} />
      )}
    </form>
  );
}
