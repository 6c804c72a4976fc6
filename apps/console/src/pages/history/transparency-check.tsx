import type { ApiSchema } from '#api-contract';
import { useState } from 'preact/hooks';
import { useI18n } from '../../i18n/i18n';
import { useSession } from '../../session/session';
import { ProblemAlert } from '../../ui/problem-alert';
import { canonicalStoredEvent } from './chain';
import type { Problem } from '../../ui/use-answer';

type StoredEvent = ApiSchema<'StoredEvent'>;

interface Checkpoint {
  readonly origin: string;
  readonly size: number;
  readonly root: string;
  readonly cosignatures: number;
}

const bytes = (base64: string) => Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
const base64 = (data: Uint8Array) => btoa(String.fromCharCode(...data));

async function sha256(...parts: Uint8Array[]): Promise<Uint8Array> {
  const joined = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  parts.reduce((at, part) => (joined.set(part, at), at + part.length), 0);
  return new Uint8Array(await crypto.subtle.digest('SHA-256', joined));
}

/** The checkpoint note's three lines, and how many signature lines follow the log's own. */
function parseCheckpoint(note: string): Checkpoint {
  const [text, signatures] = note.split('\n\n');
  const [origin, size, root] = text.split('\n');
  return { origin, size: Number(size), root, cosignatures: signatures.trim().split('\n').length - 1 };
}

/**
 * RFC 9162 section 2.1.3.2 in this browser: the root an inclusion proof leads to from an event's
 * leaf, `SHA-256(0x00 || JCS(event as stored))` (docs/EVENTS.md), with WebCrypto.
 */
async function rootFromProof(
  event: StoredEvent,
  streamId: string,
  proof: ApiSchema<'InclusionProof'>,
): Promise<string> {
  const leaf = canonicalStoredEvent(streamId, event, true);
  let hash = await sha256(new Uint8Array([0]), new TextEncoder().encode(leaf ?? ''));
  let fn = proof.leafIndex;
  let sn = proof.treeSize - 1;
  for (const sibling of proof.hashes.map(bytes)) {
    if (fn % 2 === 1 || fn === sn) {
      hash = await sha256(new Uint8Array([1]), sibling, hash);
      while (fn % 2 === 0 && fn !== 0) [fn, sn] = [fn / 2, Math.floor(sn / 2)];
    } else {
      hash = await sha256(new Uint8Array([1]), hash, sibling);
    }
    [fn, sn] = [Math.floor(fn / 2), Math.floor(sn / 2)];
  }
  return sn === 0 ? base64(hash) : '';
}

/**
 * The log's signed checkpoint, and the entity's last event proved in its tree here: the
 * event's chain hash commits to every earlier one, so its inclusion ties the whole history shown
 * to what the log signed (docs/SECURITY.md).
 */
export function TransparencyCheck({ bin, events }: { bin: string; events: readonly StoredEvent[] }) {
  const { t } = useI18n();
  const { api } = useSession();
  const [state, setState] = useState<
    | { step: 'idle' | 'checking' }
    | { step: 'done'; checkpoint: Checkpoint; included: boolean; leafIndex?: number }
    | { step: 'refused'; problem: Problem | undefined }
  >({ step: 'idle' });
  const last = events.at(-1);

  const check = async () => {
    if (last === undefined) return;
    setState({ step: 'checking' });
    // a checkpoint over the log as it is now (the latest, unless the log grew since)
    const note = await api.POST('/v1/transparency/checkpoints', { parseAs: 'text' });
    if (note.data === undefined) return setState({ step: 'refused', problem: note.error as Problem });
    const checkpoint = parseCheckpoint(note.data);
    const proof = await api.GET('/v1/transparency/inclusion', {
      params: { query: { eventId: last.eventId, treeSize: checkpoint.size } },
    });
    if (proof.data === undefined) return setState({ step: 'done', checkpoint, included: false });
    const root = await rootFromProof(last, `entity-${bin}`, proof.data);
    setState({ step: 'done', checkpoint, included: root === checkpoint.root, leafIndex: proof.data.leafIndex });
  };

  return (
    <section aria-labelledby="transparency-heading" class="card">
      <h2 id="transparency-heading">{t('transparency.title')}</h2>
      <button type="button" onClick={check} disabled={state.step === 'checking' || last === undefined}>
        {state.step === 'checking' ? t('integrity.checking') : t('transparency.check')}
      </button>
      <div aria-live="polite" data-testid="transparency">
        {state.step === 'refused' && <ProblemAlert problem={state.problem} />}
        {state.step === 'done' && (
          <>
            <p data-testid="transparency-checkpoint">
              {t('transparency.checkpoint', {
                origin: state.checkpoint.origin,
                size: state.checkpoint.size,
                witnesses: state.checkpoint.cosignatures,
              })}
            </p>
            <p class="mono small">{state.checkpoint.root}</p>
            <p data-testid="transparency-verdict" class={state.included ? 'success' : 'error'}>
              {state.included
                ? t('transparency.included', { leaf: state.leafIndex ?? 0, size: state.checkpoint.size })
                : t('transparency.notIncluded')}
            </p>
          </>
        )}
      </div>
    </section>
  );
}
