import { Fragment } from 'react';

/** The coordinator area's pages: <Route> elements under the layout (main.tsx mounts them). */
export const coordinatorRoutes = <Fragment />;
