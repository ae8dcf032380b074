import type { RoleCode } from '@urbangrid/contracts';

/**
 * The authenticated caller of a request, as `@CurrentUser()` hands it to a controller. Loaded
 * fresh (cached a few seconds) from the database, not trusted from the token alone.
 */
export interface AuthUser {
  id: string;
  username: string;
  name: string;
  role: RoleCode;
  /** Own department (专业部门 handlers); null for other roles unless set. */
  departmentId: string | null;
  /** Own department plus every sub-unit below it; empty without a department. */
  departmentIds: string[];
  districtCode: string;
  /** 责任网格 of an inspector; empty for other roles. */
  gridCodes: string[];
  /** Session (refresh-token family) the access token belongs to. */
  sessionId: string;
}
