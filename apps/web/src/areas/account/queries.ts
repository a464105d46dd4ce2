// The account pages' queries over the generated client.
import { queryOptions } from '@tanstack/react-query';
import { unwrap } from '../../api/client';
import { invitationsControllerPreview } from '../../api/generated/sdk.gen';

/** What an invitation link offers; 400 INVITATION_INVALID when it expired, was used or revoked. */
export const invitationPreviewQuery = (token: string) =>
  queryOptions({
    queryKey: ['invitation-preview', token],
    queryFn: () => unwrap(invitationsControllerPreview({ path: { token } })),
    retry: false,
    staleTime: 0,
  });
