import { useEffect, useState } from 'preact/hooks';
import type { ApiSchema } from '#api-contract';

export type Problem = ApiSchema<'Problem'>;

/** What a read answered: its data, the problem it was refused with, or nothing yet. */
export type Answer<Data> =
  | { readonly state: 'loading' }
  | { readonly state: 'ok'; readonly data: Data }
  | { readonly state: 'refused'; readonly problem: Problem | undefined };

/** Runs a read of the API whenever its inputs change; the answer of an older run is dropped. */
export function useAnswer<Data>(
  read: () => Promise<{ data?: Data; error?: unknown }>,
  inputs: readonly unknown[],
): Answer<Data> {
  const [answer, setAnswer] = useState<Answer<Data>>({ state: 'loading' });
  useEffect(() => {
    let current = true;
    setAnswer({ state: 'loading' });
    read()
      .then(({ data, error }) => {
        if (!current) return;
        setAnswer(data !== undefined ? { state: 'ok', data } : { state: 'refused', problem: error as Problem });
      })
      .catch(() => current && setAnswer({ state: 'refused', problem: undefined }));
    return () => {
      current = false;
    };
    // the inputs are the dependencies: `read` is a new closure on every render
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, inputs);
  return answer;
}
