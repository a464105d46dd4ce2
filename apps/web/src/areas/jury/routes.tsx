import { Fragment } from 'react';
import { Route } from 'react-router';
import { AssignmentList } from './AssignmentList';
import { Candidates } from './Candidates';
import { JuryHome } from './JuryHome';
import { Scoring } from './Scoring';

/** The jury area's pages: <Route> elements under the layout (main.tsx mounts them). */
export const juryRoutes = (
  <Fragment>
    <Route path="zsuri" element={<JuryHome />} />
    <Route path="zsuri/palyazatok/:callId" element={<Candidates />} />
    <Route path="zsuri/ertekeles" element={<AssignmentList />} />
    <Route path="zsuri/ertekeles/:assignmentId" element={<Scoring />} />
  </Fragment>
);
