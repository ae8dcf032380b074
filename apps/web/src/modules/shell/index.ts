import './shell.css';

export { AppHeader, type AppHeaderProps } from './components/AppHeader';
export { cityDisplayName } from './city-name';
