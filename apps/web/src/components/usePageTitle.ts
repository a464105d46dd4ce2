import { useEffect } from 'react';
import { useI18n } from '../i18n/i18n';

/**
 * Sets the document's <title> to "<title> – LÖGY portál" (in the chosen language) while the
 * page is shown; back to the portal's name when it goes, so that a page without a title of
 * its own never keeps the previous page's. Without `title` (still loading): the portal's name.
 */
export function usePageTitle(title?: string | null): void {
  const { t } = useI18n();
  const base = t.portalTitle;
  useEffect(() => {
    document.title = title ? `${title} – ${base}` : base;
    return () => {
      document.title = base;
    };
  }, [title, base]);
}
