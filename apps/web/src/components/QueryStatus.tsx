import type { UseQueryResult } from '@tanstack/react-query';
import { useI18n } from '../i18n/i18n';

/** Loading and error states of a query; renders nothing once it has data. */
export function QueryStatus({ query }: { query: Pick<UseQueryResult, 'isPending' | 'isError' | 'error' | 'refetch'> }) {
  const { t } = useI18n();
  if (query.isPending) {
    return (
      <p className="muted" role="status">
        {t.loading}
      </p>
    );
  }
  if (query.isError) {
    return (
      <div className="alert" role="alert">
        <p>
          {t.loadFailed} {query.error?.message}
        </p>
        <button type="button" onClick={() => void query.refetch()}>
          {t.retry}
        </button>
      </div>
    );
  }
  return null;
}
