import { useI18n } from '../i18n/i18n';
import type { Problem } from './use-answer';

/** A refusal, as the service explained it: a heading in the reader's language, the service's own words below. */
export function ProblemAlert({ problem }: { problem: Problem | undefined }) {
  const { t } = useI18n();
  if (problem === undefined) {
    return (
      <div role="alert" class="alert">
        {t('problem.unreachable')}
      </div>
    );
  }
  const heading =
    problem.status === 403
      ? t('problem.forbidden')
      : problem.status === 401
        ? t('problem.signInAgain')
        : t('problem.title');
  return (
    <div role="alert" class="alert">
      <p class="alert-heading">{heading}</p>
      <p>
        <span class="muted">{t('problem.fromServer')}: </span>
        <span lang="en">{problem.detail ?? problem.title}</span>
      </p>
    </div>
  );
}
