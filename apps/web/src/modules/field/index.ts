import './field.css';

/** 城管通: the inspector's phone app (routes under /field). */
export { CaseView } from './components/CaseView';
export { FieldApp } from './components/FieldApp';
export { FieldHome } from './components/FieldHome';
export { FieldLayout } from './components/FieldLayout';
export { MyReports } from './components/MyReports';
export { ReportForm, type ReportMode } from './components/ReportForm';
export { TaskAnswer } from './components/TaskAnswer';
export { TaskList } from './components/TaskList';
