import { NavLink } from 'react-router';
import type { Me } from '../../api/queries';
import { useJuryMessages } from './messages';

/** The jury area's links in the main navigation (<li> elements), for the signed-in user `me`. */
export function JuryNav({ me }: { me: Me | null | undefined }) {
  const m = useJuryMessages();
  if (!me?.roles.includes('juror')) return null;
  return (
    <>
      <li>
        <NavLink to="/zsuri" end>
          {m.nav}
        </NavLink>
      </li>
      <li>
        <NavLink to="/zsuri/ertekeles">{m.navScoring}</NavLink>
      </li>
    </>
  );
}
