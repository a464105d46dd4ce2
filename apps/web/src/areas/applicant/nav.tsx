import type { Me } from '../../api/queries';

/** The applicant area's links in the main navigation (<li> elements), for the signed-in user `me`. */
export function ApplicantNav(_props: { me: Me | null | undefined }) {
  return null;
}
