import './auth.css';

export { LoginForm, type LoginFormProps } from './components/LoginForm';
export { RequireAuth } from './components/RequireAuth';
export { UserMenu } from './components/UserMenu';
export { useAuth } from './hooks/useAuth';
export { authSession } from './state/session';
