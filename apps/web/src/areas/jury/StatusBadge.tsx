import type { AssignmentResponse } from '../../api/generated/types.gen';
import { useJuryMessages } from './messages';

/** An assignment's status for the juror: to do, draft, submitted. */
export function StatusBadge({ status }: { status: AssignmentResponse['status'] }) {
  const m = useJuryMessages();
  return (
    <span className={`jury-badge jury-badge-${status}`} data-testid="assignment-status">
      {m.statuses[status]}
    </span>
  );
}
