import type { Me } from '../../api/queries';

/** The jury area's links in the main navigation (<li> elements), for the signed-in user `me`. */
export function JuryNav(_props: { me: Me | null | undefined }) {
  return null;
}
