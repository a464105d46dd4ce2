import { useI18n } from '../../i18n/i18n';

const hu = {};

const en: typeof hu = {};

/** The applicant area's texts in the chosen language. */
export function useApplicantMessages(): typeof hu {
  return useI18n().lang === 'en' ? en : hu;
}
