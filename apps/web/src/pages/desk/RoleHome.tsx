import type { ReactNode } from 'react';
import { Navigate } from 'react-router';
import { useAuth } from '../../modules/auth';
import { homePathFor } from '../../modules/cases';

/** Route `/`: a desk role lands on its desk; the others (admin, leader…) see `fallback` (the map). */
export function RoleHome({ fallback }: { fallback: ReactNode }) {
  const role = useAuth().user?.role;
  const home = role ? homePathFor(role) : null;
  return home ? <Navigate to={home} replace /> : fallback;
}
