import './components/cases.css';

export { CaseDetailScreen } from './components/CaseDetailScreen';
export { DeskNav, DeskView } from './components/DeskView';
export { DESKS, homePathFor, type DeskId } from './state/desks';
