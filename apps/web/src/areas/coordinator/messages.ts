import { useI18n } from '../../i18n/i18n';

const hu = {};

const en: typeof hu = {};

/** The coordinator area's texts in the chosen language. */
export function useCoordinatorMessages(): typeof hu {
  return useI18n().lang === 'en' ? en : hu;
}
