import { useEffect, useRef } from 'preact/hooks';
import { useI18n } from '../i18n/i18n';

/**
 * A page's heading: it takes the focus when the page opens, so a screen reader announces where
 * a link led, and names the browser tab.
 */
export function PageTitle({ children }: { children: string }) {
  const { t } = useI18n();
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    document.title = `${children} · ${t('app.title')}`;
    heading.current?.focus();
  }, [children, t]);
  return (
    <h1 ref={heading} tabIndex={-1}>
      {children}
    </h1>
  );
}
