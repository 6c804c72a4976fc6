import type { ApiSchema } from '#api-contract';
import { useState } from 'preact/hooks';
import { useI18n } from '../../i18n/i18n';
import { useSession } from '../../session/session';
import { ProblemAlert } from '../../ui/problem-alert';
import type { Problem } from '../../ui/use-answer';
import { verifyChainHere, type ChainVerdict } from './chain';

type StoredEvent = ApiSchema<'StoredEvent'>;

/** The chain recomputed in this browser beside the server's own check, and whether they agree. */
export function IntegrityCheck({ bin, events }: { bin: string; events: readonly StoredEvent[] }) {
  const { t } = useI18n();
  const { api } = useSession();
  const [state, setState] = useState<
    | { step: 'idle' }
    | { step: 'checking' }
    | { step: 'done'; here: ChainVerdict; server: ApiSchema<'Integrity'> }
    | { step: 'refused'; problem: Problem | undefined }
  >({ step: 'idle' });

  const check = async () => {
    setState({ step: 'checking' });
    const [here, server] = await Promise.all([
      verifyChainHere(`entity-${bin}`, events),
      api.GET('/v1/entities/{bin}/integrity', { params: { path: { bin } } }),
    ]);
    if (server.data === undefined) setState({ step: 'refused', problem: server.error as Problem });
    else setState({ step: 'done', here, server: server.data });
  };

  return (
    <section aria-labelledby="integrity-heading" class="card">
      <h2 id="integrity-heading">{t('integrity.title')}</h2>
      <button type="button" onClick={check} disabled={state.step === 'checking'}>
        {state.step === 'checking' ? t('integrity.checking') : t('integrity.check')}
      </button>
      <div aria-live="polite" data-testid="integrity">
        {state.step === 'refused' && <ProblemAlert problem={state.problem} />}
        {state.step === 'done' && (
          <>
            <p data-testid="integrity-browser">
              {state.here.valid
                ? t('integrity.browserValid', { count: state.here.checkedEvents })
                : t('integrity.browserBroken', { revision: state.here.firstBrokenRevision ?? 0 })}
            </p>
            <p data-testid="integrity-server">
              {state.server.valid
                ? t('integrity.serverValid')
                : t('integrity.serverBroken', { revision: state.server.firstBrokenRevision ?? 0 })}
            </p>
            <p data-testid="integrity-verdict" class={agree(state.here, state.server) ? 'success' : 'error'}>
              {agree(state.here, state.server) ? t('integrity.agree') : t('integrity.disagree')}
            </p>
          </>
        )}
      </div>
    </section>
  );
}

function agree(here: ChainVerdict, server: ApiSchema<'Integrity'>): boolean {
  return here.valid === server.valid && here.firstBrokenRevision === server.firstBrokenRevision;
}
