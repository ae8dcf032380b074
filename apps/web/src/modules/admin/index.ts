export { AdminView } from './components/AdminView';
