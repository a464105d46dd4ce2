import { Fragment } from 'react';

/** The jury area's pages: <Route> elements under the layout (main.tsx mounts them). */
export const juryRoutes = <Fragment />;
