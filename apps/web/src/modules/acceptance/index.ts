export { AcceptanceView } from './components/AcceptanceView';
