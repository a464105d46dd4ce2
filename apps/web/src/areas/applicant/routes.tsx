import { Fragment } from 'react';
import { Route } from 'react-router';
import { ApplicationForm } from './ApplicationForm';
import { MyApplications } from './MyApplications';
import { Register } from './Register';

/** The applicant area's pages: <Route> elements under the layout (main.tsx mounts them). */
export const applicantRoutes = (
  <Fragment>
    <Route path="regisztracio" element={<Register />} />
    <Route path="palyazataim" element={<MyApplications />} />
    <Route path="palyazataim/:id" element={<ApplicationForm />} />
  </Fragment>
);
