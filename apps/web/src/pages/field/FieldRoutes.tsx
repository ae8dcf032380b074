import { Navigate, Route, Routes } from 'react-router';
import { FieldApp } from '../../modules/field';
import { FieldCasePage } from './FieldCasePage';
import { FieldHomePage } from './FieldHomePage';
import { FieldReportPage } from './FieldReportPage';
import { FieldReportsPage } from './FieldReportsPage';
import { FieldTaskPage } from './FieldTaskPage';
import { FieldTasksPage } from './FieldTasksPage';

/** /field/*: the inspector app (城管通). */
export function FieldRoutes() {
  return (
    <FieldApp>
      <Routes>
        <Route index element={<FieldHomePage />} />
        <Route path="report" element={<FieldReportPage mode="patrol" />} />
        <Route path="self-disposal" element={<FieldReportPage mode="self" />} />
        <Route path="tasks" element={<FieldTasksPage />} />
        <Route path="tasks/:id" element={<FieldTaskPage />} />
        <Route path="reports" element={<FieldReportsPage />} />
        <Route path="cases/:id" element={<FieldCasePage />} />
        <Route path="*" element={<Navigate to="/field" replace />} />
      </Routes>
    </FieldApp>
  );
}
