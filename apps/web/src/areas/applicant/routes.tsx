import { Fragment } from 'react';

/** The applicant area's pages: <Route> elements under the layout (main.tsx mounts them). */
export const applicantRoutes = <Fragment />;
