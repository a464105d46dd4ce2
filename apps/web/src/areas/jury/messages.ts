import { useI18n } from '../../i18n/i18n';

const hu = {};

const en: typeof hu = {};

/** The jury area's texts in the chosen language. */
export function useJuryMessages(): typeof hu {
  return useI18n().lang === 'en' ? en : hu;
}
