import { Link } from 'react-router';
import { useI18n } from '../i18n/i18n';

export function NotFound() {
  const { t } = useI18n();
  return (
    <>
      <h1>{t.notFoundTitle}</h1>
      <p>
        <Link to="/">{t.backHome}</Link>
      </p>
    </>
  );
}
