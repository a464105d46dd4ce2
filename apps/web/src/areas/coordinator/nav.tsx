import { NavLink } from 'react-router';
import type { Me } from '../../api/queries';
import { useCoordinatorMessages } from './messages';

export const isCoordinator = (me: Me | null | undefined) =>
  !!me && (me.roles.includes('coordinator') || me.roles.includes('admin'));

/** The coordinator area's links in the main navigation (<li> elements), for the signed-in user `me`. */
export function CoordinatorNav({ me }: { me: Me | null | undefined }) {
  const m = useCoordinatorMessages();
  if (!isCoordinator(me)) return null;
  return (
    <li>
      <NavLink to="/koordinator">{m.nav}</NavLink>
    </li>
  );
}
