import { useState } from 'preact/hooks';
import { useI18n } from '../../i18n/i18n';
import { useSession } from '../../session/session';

/**
 * The entity's export as a file: fetched with the tab's key (a plain link could not carry it)
 * and handed to the browser to save.
 */
export function ExportLink({ bin }: { bin: string }) {
  const { t } = useI18n();
  const { api } = useSession();
  const [busy, setBusy] = useState(false);
  const download = async () => {
    setBusy(true);
    const { data } = await api.GET('/v1/audit/export', { params: { query: { bin } }, parseAs: 'blob' });
    setBusy(false);
    if (data === undefined) return;
    const url = URL.createObjectURL(data);
    const link = Object.assign(document.createElement('a'), { href: url, download: `entity-${bin}.ndjson` });
    link.click();
    URL.revokeObjectURL(url);
  };
  return (
    <p>
      <button type="button" onClick={download} disabled={busy}>
        {t('history.export')}
      </button>
    </p>
  );
}
