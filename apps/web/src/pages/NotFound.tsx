import { Link } from 'react-router';
import { useI18n } from '../i18n/i18n';
import { usePageTitle } from '../components/usePageTitle';

export function NotFound() {
  const { t } = useI18n();
  usePageTitle(t.notFoundTitle);
  return (
    <>
      <h1>{t.notFoundTitle}</h1>
      <p>
        <Link to="/">{t.backHome}</Link>
      </p>
    </>
  );
}
