import type { RoleCode } from './roles';

/** POST /api/v1/auth/login */
export interface LoginRequest {
  username: string;
  password: string;
}

/** POST /api/v1/auth/refresh and /api/v1/auth/logout */
export interface RefreshRequest {
  refreshToken: string;
}

/** POST /api/v1/auth/password */
export interface ChangePasswordRequest {
  currentPassword: string;
  newPassword: string;
}

/** The signed-in user as the API describes it to the web app. */
export interface SessionUser {
  id: string;
  username: string;
  displayName: string;
  role: RoleCode;
  departmentId: string | null;
  districtCode: string;
}

/** Answer of login, refresh and password change: a new token pair. */
export interface TokenResponse {
  /** JWT (HS256), sent as `Authorization: Bearer …`. */
  accessToken: string;
  /** Opaque; single use — every refresh returns a new one. */
  refreshToken: string;
  /** Seconds until the access token expires. */
  expiresIn: number;
  user: SessionUser;
}

export interface DepartmentSummary {
  id: string;
  code: string;
  name: string;
  nameEn: string | null;
  parentId: string | null;
  districtCode: string;
}

/** GET /api/v1/auth/me */
export interface MeResponse {
  user: SessionUser;
  department: DepartmentSummary | null;
  /** Own department and all its sub-units (ids), for a department handler; empty otherwise. */
  departmentIds: string[];
  /** 责任网格 grid codes of an inspector; empty for other roles. */
  gridCodes: string[];
}

/** A user as the admin pages list it. */
export interface UserRecord extends SessionUser {
  active: boolean;
  lockedUntil: string | null;
  failedLoginCount: number;
  passwordChangedAt: string | null;
  createdAt: string;
  gridCodes: string[];
}

export interface CreateUserRequest {
  username: string;
  displayName: string;
  role: RoleCode;
  departmentId?: string | null;
  password: string;
  districtCode?: string;
}

export interface UpdateUserRequest {
  displayName?: string;
  role?: RoleCode;
  departmentId?: string | null;
  active?: boolean;
}

export interface DepartmentRecord extends DepartmentSummary {
  createdAt: string;
}

export interface CreateDepartmentRequest {
  code: string;
  name: string;
  nameEn?: string | null;
  parentId?: string | null;
  districtCode?: string;
}
