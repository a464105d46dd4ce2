import { Fragment } from 'react';
import { Route } from 'react-router';
import { AcceptInvitation } from './AcceptInvitation';
import { ForgotPassword } from './ForgotPassword';
import { ResetPassword } from './ResetPassword';

/**
 * The account pages: <Route> elements under the layout (main.tsx mounts them). The mails link
 * to /meghivo and /uj-jelszo (libs/core/src/web-paths.ts on the server side).
 */
export const accountRoutes = (
  <Fragment>
    <Route path="meghivo" element={<AcceptInvitation />} />
    <Route path="elfelejtett-jelszo" element={<ForgotPassword />} />
    <Route path="uj-jelszo" element={<ResetPassword />} />
  </Fragment>
);
