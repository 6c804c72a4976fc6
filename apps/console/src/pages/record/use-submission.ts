import { useState } from 'preact/hooks';
import { useSession } from '../../session/session';
import { isProblem, send } from '../../session/send';
import type { Problem } from '../../ui/use-answer';
import type { FieldErrors } from './fact-fields';

export type Outcome =
  | { readonly state: 'idle' }
  | { readonly state: 'sending' }
  | { readonly state: 'recorded'; readonly eventId: string; readonly revision: number; readonly position: string }
  | { readonly state: 'refused'; readonly problem: Problem | undefined; readonly fields: FieldErrors };

/**
 * Sends a write, retry-safe: one Idempotency-Key per submission, kept until it is recorded, so
 * sending again after a lost answer cannot record the fact twice. A refusal's field errors are
 * returned by field (`data.expiresOn` is the form's `expiresOn`).
 */
export function useSubmission() {
  const { key } = useSession();
  const [idempotencyKey, setIdempotencyKey] = useState(() => crypto.randomUUID());
  const [outcome, setOutcome] = useState<Outcome>({ state: 'idle' });

  const submit = async (method: 'POST' | 'PATCH', url: string, body: unknown): Promise<Outcome> => {
    setOutcome({ state: 'sending' });
    let next: Outcome;
    try {
      const answer = await send(key, method, url, body, { 'idempotency-key': idempotencyKey });
      if (answer.status === 201) {
        const { eventId, revision, position } = answer.body as { eventId: string; revision: number; position: string };
        next = { state: 'recorded', eventId, revision, position };
        setIdempotencyKey(crypto.randomUUID());
      } else {
        const problem = isProblem(answer.body) ? answer.body : undefined;
        const fields = Object.fromEntries(
          (problem?.errors ?? []).map((error) => [error.field.replace(/^data\./, ''), error.message]),
        );
        next = { state: 'refused', problem, fields };
      }
    } catch {
      next = { state: 'refused', problem: undefined, fields: {} };
    }
    setOutcome(next);
    return next;
  };
  return { outcome, submit };
}
