export { DashboardNav } from './components/DashboardNav';
export { DashboardView } from './components/DashboardView';
export { useAsync } from './hooks/useAsync';
export { ExportButtons } from './components/ExportButtons';
