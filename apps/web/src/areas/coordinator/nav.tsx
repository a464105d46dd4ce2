import type { Me } from '../../api/queries';

/** The coordinator area's links in the main navigation (<li> elements), for the signed-in user `me`. */
export function CoordinatorNav(_props: { me: Me | null | undefined }) {
  return null;
}
