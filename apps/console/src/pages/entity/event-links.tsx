import { useI18n } from '../../i18n/i18n';
import { consolePath } from '../../ui/paths';

/** Links to the history, where each event of the record is shown with its data. */
export function EventLinks({ bin, eventIds }: { bin: string; eventIds: readonly string[] }) {
  const { t } = useI18n();
  if (eventIds.length === 0) return <span class="muted">{t('entity.noEvents')}</span>;
  return (
    <span class="event-links">
      {eventIds.map((id) => (
        <a key={id} href={`${consolePath('entities', bin, 'history')}#event-${id}`} class="mono">
          {id.slice(0, 8)}
        </a>
      ))}
    </span>
  );
}
