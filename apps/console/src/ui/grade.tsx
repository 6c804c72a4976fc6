import { useI18n } from '../i18n/i18n';

/** A grade as a badge, its letter read out with its meaning. */
export function Grade({ grade }: { grade: string }) {
  const { t } = useI18n();
  return (
    <span class={`grade grade-${grade}`} aria-label={t('entity.gradeOf', { grade })}>
      {grade}
    </span>
  );
}
