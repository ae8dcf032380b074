import './public-report.css';

export { PublicReport } from './components/PublicReport';
