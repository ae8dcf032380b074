import { Injectable, Logger } from '@nestjs/common';
import type { DepartmentRecord, RoleCode, UserRecord } from '@urbangrid/contracts';
import { ApiError } from '../../common/errors/api-error';
import { AuthRepository } from './auth.repository';
import type { CreateDepartmentDto, CreateUserDto, UpdateUserDto } from './dto/users.dto';
import { hashPassword } from './password';
import { assertPasswordPolicy } from './password-policy';
import type { AuthUser } from './principal';
import { PrincipalService } from './principal.service';
import { UsersRepository } from './users.repository';

/** 管理员 administration of users, departments and inspectors' 责任网格. */
@Injectable()
export class UsersService {
  private readonly logger = new Logger('Security');

  constructor(
    private readonly repo: UsersRepository,
    private readonly auth: AuthRepository,
    private readonly principals: PrincipalService,
  ) {}

  list(role: RoleCode | undefined): Promise<UserRecord[]> {
    return this.repo.listUsers(role);
  }

  async get(id: string): Promise<UserRecord> {
    const user = await this.repo.findUser(id);
    if (!user) throw new ApiError('USER.NOT_FOUND', `no user ${id}`);
    return user;
  }

  async create(admin: AuthUser, body: CreateUserDto): Promise<UserRecord> {
    assertPasswordPolicy(body.password, 'password');
    const departmentId = body.departmentId ?? null;
    const districtCode = await this.checkDepartment(body.role, departmentId, body.districtCode ?? admin.districtCode);
    if (await this.repo.usernameTaken(body.username)) {
      throw new ApiError('USER.USERNAME_TAKEN', `the username ${body.username} is taken`);
    }
    const id = await this.repo.insertUser({
      username: body.username,
      displayName: body.displayName.trim(),
      role: body.role,
      departmentId,
      passwordHash: await hashPassword(body.password),
      districtCode,
    });
    if (!id) throw new ApiError('USER.USERNAME_TAKEN', `the username ${body.username} is taken`);
    this.logger.log({ event: 'user.created', userId: id, by: admin.id });
    return this.get(id);
  }

  async update(admin: AuthUser, id: string, body: UpdateUserDto): Promise<UserRecord> {
    const user = await this.get(id);
    const role = body.role ?? user.role;
    const departmentId = body.departmentId !== undefined ? body.departmentId : user.departmentId;
    if (id === admin.id && ((body.role && body.role !== 'admin') || body.active === false)) {
      throw new ApiError('USER.SELF_CHANGE', 'an administrator cannot demote or disable their own account');
    }
    if (body.role !== undefined || body.departmentId !== undefined) {
      await this.checkDepartment(role, departmentId, user.districtCode);
    }
    await this.repo.run(async (tx) => {
      await this.repo.updateUser(tx, id, body);
      if (role !== 'inspector') await this.repo.deleteGrids(tx, id);
      if (body.active === false) await this.auth.revokeUserSessions(tx, id, 'admin');
    });
    this.principals.forgetUser(id);
    this.logger.log({ event: 'user.updated', userId: id, by: admin.id });
    return this.get(id);
  }

  /** Sets a new password chosen by the administrator; every session of the user ends. */
  async resetPassword(admin: AuthUser, id: string, password: string): Promise<void> {
    await this.get(id);
    assertPasswordPolicy(password, 'password');
    const hash = await hashPassword(password);
    await this.repo.run(async (tx) => {
      await this.auth.setPassword(tx, id, hash);
      await this.auth.revokeUserSessions(tx, id, 'admin');
    });
    this.principals.forgetUser(id);
    this.logger.log({ event: 'user.password_reset', userId: id, by: admin.id });
  }

  async unlock(admin: AuthUser, id: string): Promise<UserRecord> {
    await this.get(id);
    await this.repo.unlock(id);
    this.logger.log({ event: 'user.unlocked', userId: id, by: admin.id });
    return this.get(id);
  }

  /** Replaces an inspector's 责任网格; every code must be a current unit grid. */
  async setGrids(admin: AuthUser, id: string, gridCodes: string[]): Promise<UserRecord> {
    const user = await this.get(id);
    if (user.role !== 'inspector') {
      throw new ApiError('USER.NOT_INSPECTOR', 'responsibility grids belong to inspectors (监督员) only');
    }
    const codes = [...new Set(gridCodes)].sort();
    const unknown = await this.repo.unknownGridCodes(codes);
    if (unknown.length > 0) {
      throw new ApiError(
        'USER.GRID_UNKNOWN',
        `${unknown.length} grid code(s) are not current unit grids`,
        unknown.map((code) => ({ field: 'gridCodes', message: code })),
      );
    }
    await this.repo.run(async (tx) => {
      await this.repo.deleteGrids(tx, id);
      await this.repo.insertGrids(tx, id, codes);
    });
    this.principals.forgetUser(id);
    this.logger.log({ event: 'user.grids_set', userId: id, by: admin.id, count: codes.length });
    return this.get(id);
  }

  listDepartments(): Promise<DepartmentRecord[]> {
    return this.repo.listDepartments();
  }

  async createDepartment(admin: AuthUser, body: CreateDepartmentDto): Promise<DepartmentRecord> {
    const parentId = body.parentId ?? null;
    const parent = parentId ? await this.repo.findDepartment(parentId) : null;
    if (parentId && !parent) {
      throw new ApiError('DEPARTMENT.PARENT_NOT_FOUND', `no department ${parentId}`, [
        { field: 'parentId', message: 'unknown department' },
      ]);
    }
    const id = await this.repo.insertDepartment({
      code: body.code,
      name: body.name.trim(),
      nameEn: body.nameEn?.trim() || null,
      parentId,
      districtCode: body.districtCode ?? parent?.districtCode ?? admin.districtCode,
    });
    if (!id) throw new ApiError('DEPARTMENT.CODE_TAKEN', `the department code ${body.code} is taken`);
    // A new sub-unit widens its parents' scope: cached department trees are stale.
    this.principals.forgetAll();
    const created = (await this.repo.listDepartments()).find((d) => d.id === id);
    if (!created) throw new ApiError('DEPARTMENT.NOT_FOUND', `no department ${id}`);
    return created;
  }

  /** A department handler needs a department; returns the district code to store. */
  private async checkDepartment(role: RoleCode, departmentId: string | null, districtCode: string): Promise<string> {
    if (role === 'department' && !departmentId) {
      throw new ApiError('USER.DEPARTMENT_REQUIRED', 'a department handler (专业部门) needs a department', [
        { field: 'departmentId', message: 'required for the department role' },
      ]);
    }
    if (departmentId && !(await this.repo.findDepartment(departmentId))) {
      throw new ApiError('DEPARTMENT.NOT_FOUND', `no department ${departmentId}`, [
        { field: 'departmentId', message: 'unknown department' },
      ]);
    }
    return districtCode;
  }
}
