import type { CaseState, RoleCode } from '@urbangrid/contracts';
import { CASE_STATES, TERMINAL_STATES } from '@urbangrid/domain';

/** The desks of the centre and the departments (工作台). */
export type DeskId = 'intake' | 'filing' | 'dispatch' | 'department';

export interface DeskDefinition {
  id: DeskId;
  path: string;
  /** The role that works at this desk. */
  role: RoleCode;
  /** States the desk lists: the ones waiting for its role (and pending requests it watches). */
  states: readonly CaseState[];
  /** Which deadline rows count down. */
  prefer: 'stage' | 'disposal';
}

export const DESKS: Readonly<Record<DeskId, DeskDefinition>> = {
  intake: { id: 'intake', path: '/desk/intake', role: 'operator', states: ['REPORTED', 'VERIFYING', 'FEEDBACK'], prefer: 'stage' },
  filing: {
    id: 'filing',
    path: '/desk/filing',
    role: 'shift_leader',
    states: ['ACCEPTED', 'SELF_AUDIT', 'TO_CLOSE', 'VOID_PENDING', 'EXTENSION_PENDING'],
    prefer: 'stage',
  },
  dispatch: {
    id: 'dispatch',
    path: '/desk/dispatch',
    role: 'dispatcher',
    states: ['FILED', 'REWORK', 'RETURN_PENDING', 'PARK_PENDING', 'PARKED'],
    prefer: 'stage',
  },
  department: {
    id: 'department',
    path: '/desk/department',
    role: 'department',
    states: ['DISPATCHED', 'PROCESSING', 'RETURN_PENDING', 'EXTENSION_PENDING', 'PARK_PENDING', 'PARKED'],
    prefer: 'disposal',
  },
};

export const DESK_ORDER: readonly DeskId[] = ['intake', 'filing', 'dispatch', 'department'];

/** Every state a case can still move from (the dispatch map). */
export const OPEN_STATES: readonly CaseState[] = CASE_STATES.filter((s) => !TERMINAL_STATES.includes(s));

/** Roles that may look at every desk without working there (read-only). */
const OVERSEERS: readonly RoleCode[] = ['leader', 'admin'];

/** Where a role lands after login: its desk, the field app (inspector), or null for the map (admin, leader). */
export function homePathFor(role: RoleCode): string | null {
  if (role === 'inspector') return '/field'; // 城管通, the inspector's phone app (modules/field)
  if (role === 'leader') return '/dashboard'; // 领导驾驶舱 (modules/dashboard)
  return DESK_ORDER.map((id) => DESKS[id]).find((d) => d.role === role)?.path ?? null;
}

/** Whether a role may open a desk, and whether only to look. */
export function deskAccess(desk: DeskDefinition, role: RoleCode): 'work' | 'read' | 'none' {
  if (desk.role === role) return 'work';
  if (OVERSEERS.includes(role)) return 'read';
  return 'none';
}

/** The desks a role sees in the desk navigation. */
export function visibleDesks(role: RoleCode): DeskDefinition[] {
  return DESK_ORDER.map((id) => DESKS[id]).filter((d) => deskAccess(d, role) !== 'none');
}
