import { NavLink } from 'react-router';
import type { Me } from '../../api/queries';
import { useApplicantMessages } from './messages';

/** The applicant area's links in the main navigation (<li> elements), for the signed-in user `me`. */
export function ApplicantNav({ me }: { me: Me | null | undefined }) {
  const m = useApplicantMessages();
  if (me === undefined) return null;
  if (me === null) {
    return (
      <li>
        <NavLink to="/regisztracio">{m.navRegister}</NavLink>
      </li>
    );
  }
  if (!me.roles.includes('applicant')) return null;
  return (
    <li>
      <NavLink to="/palyazataim">{m.navMyApplications}</NavLink>
    </li>
  );
}
