import './components/cases.css';

export { CaseDetailScreen } from './components/CaseDetailScreen';
export { DeskNav, DeskView, REGISTER_PATH } from './components/DeskView';
export { LeaderAssignLink } from './components/LeaderAssignLink';
export { RegisterScreen } from './components/RegisterScreen';
export { DESKS, homePathFor, type DeskId } from './state/desks';
