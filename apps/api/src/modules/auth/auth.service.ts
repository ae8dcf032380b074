import { Inject, Injectable, Logger } from '@nestjs/common';
import type { DepartmentSummary, MeResponse, SessionUser, TokenResponse } from '@urbangrid/contracts';
import { ApiError } from '../../common/errors/api-error';
import { APP_CONFIG, type AppConfig } from '../../config/app-config';
import type { SqlRunner } from '../../database/database';
import { AuthRepository, type LoginUserRow } from './auth.repository';
import { signJwt } from './jwt';
import { hashPassword, verifyPassword } from './password';
import { assertPasswordPolicy } from './password-policy';
import type { AuthUser } from './principal';
import { PrincipalService } from './principal.service';
import { hashRefreshToken, newRefreshToken } from './tokens';
import { UsersRepository } from './users.repository';

/** A valid scrypt hash of a random password: unknown usernames cost the same time as known ones. */
const DUMMY_HASH = hashPassword(newRefreshToken());

/** Login, token rotation, logout and password change. */
@Injectable()
export class AuthService {
  private readonly logger = new Logger('Security');

  constructor(
    private readonly repo: AuthRepository,
    private readonly users: UsersRepository,
    private readonly principals: PrincipalService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async login(username: string, password: string, userAgent: string | null): Promise<TokenResponse> {
    const user = await this.repo.findLoginUser(username.trim().toLowerCase());
    if (!user) {
      await verifyPassword(password, await DUMMY_HASH);
      this.logger.warn({ event: 'auth.login_failed', reason: 'unknown_user' });
      throw invalidCredentials();
    }
    if (user.locked_until) throw locked(user.locked_until);
    if (!(await verifyPassword(password, user.password_hash))) {
      const lockedUntil = await this.countFailure(user.id);
      throw lockedUntil ? locked(lockedUntil) : invalidCredentials();
    }
    if (!user.active) throw new ApiError('AUTH.ACCOUNT_DISABLED', 'this account is disabled; ask an administrator');
    await this.repo.recordSuccessfulLogin(user.id);
    this.logger.log({ event: 'auth.login', userId: user.id });
    return this.repo.run((tx) => this.startSession(tx, user, userAgent));
  }

  /** Rotates a refresh token. A second use of a rotated token ends its whole session (theft). */
  async refresh(refreshToken: string): Promise<TokenResponse> {
    const hash = hashRefreshToken(refreshToken);
    const result = await this.repo.run(async (tx) => {
      const used = await this.repo.consumeRefreshToken(tx, hash);
      if (used.status === 'reused') {
        await this.repo.revokeSession(tx, used.sessionId, 'reuse');
        return used;
      }
      if (used.status === 'invalid') return used;
      const user = await this.repo.findUserById(used.userId, tx);
      if (!user?.active) return { status: 'invalid' as const };
      return { status: 'ok' as const, tokens: await this.issue(tx, user, used.sessionId) };
    });
    if (result.status === 'reused') {
      this.principals.forgetUser(result.userId);
      this.logger.warn({ event: 'auth.refresh_reused', userId: result.userId, sessionId: result.sessionId });
      throw new ApiError('AUTH.REFRESH_REUSED', 'this refresh token was already used; the session has been ended');
    }
    if (result.status === 'invalid') {
      throw new ApiError('AUTH.REFRESH_INVALID', 'the refresh token is invalid or expired; sign in again');
    }
    return result.tokens;
  }

  /** Ends the session of a refresh token (used or not). Unknown tokens are ignored: logout is idempotent. */
  async logout(refreshToken: string): Promise<void> {
    const session = await this.repo.sessionOfRefreshToken(hashRefreshToken(refreshToken));
    if (!session) return;
    await this.repo.run((tx) => this.repo.revokeSession(tx, session.sessionId, 'logout'));
    this.principals.forgetUser(session.userId);
    this.logger.log({ event: 'auth.logout', userId: session.userId, sessionId: session.sessionId });
  }

  /** New password for oneself: every session ends, and a fresh one is returned. */
  async changePassword(
    caller: AuthUser,
    currentPassword: string,
    newPassword: string,
    userAgent: string | null,
  ): Promise<TokenResponse> {
    const user = await this.repo.findUserById(caller.id);
    if (!user) throw new ApiError('AUTH.TOKEN_INVALID', 'the session has ended; sign in again');
    if (user.locked_until) throw locked(user.locked_until);
    if (!(await verifyPassword(currentPassword, user.password_hash))) {
      const lockedUntil = await this.countFailure(user.id);
      if (lockedUntil) throw locked(lockedUntil);
      throw new ApiError('AUTH.CURRENT_PASSWORD_WRONG', 'the current password is wrong', [
        { field: 'currentPassword', message: 'wrong password' },
      ]);
    }
    assertPasswordPolicy(newPassword);
    if (newPassword === currentPassword) {
      throw new ApiError('AUTH.PASSWORD_UNCHANGED', 'the new password must differ from the current one', [
        { field: 'newPassword', message: 'same as the current password' },
      ]);
    }
    const hash = await hashPassword(newPassword);
    const tokens = await this.repo.run(async (tx) => {
      await this.repo.setPassword(tx, user.id, hash);
      await this.repo.revokeUserSessions(tx, user.id, 'password');
      const fresh = await this.repo.findUserById(user.id, tx);
      if (!fresh) throw new ApiError('AUTH.TOKEN_INVALID', 'the session has ended; sign in again');
      return this.startSession(tx, fresh, userAgent);
    });
    this.principals.forgetUser(user.id);
    this.logger.log({ event: 'auth.password_changed', userId: user.id });
    return tokens;
  }

  async me(caller: AuthUser): Promise<MeResponse> {
    const department: DepartmentSummary | null = caller.departmentId
      ? await this.users.findDepartment(caller.departmentId)
      : null;
    return {
      user: {
        id: caller.id,
        username: caller.username,
        displayName: caller.name,
        role: caller.role,
        departmentId: caller.departmentId,
        districtCode: caller.districtCode,
      },
      department,
      departmentIds: caller.departmentIds,
      gridCodes: caller.gridCodes,
    };
  }

  /** Counts a failed password; returns the lock end when this failure locked the account. */
  private async countFailure(userId: string): Promise<string | null> {
    const { lockoutAttempts, lockoutSeconds } = this.config.auth;
    const lockedUntil = await this.repo.recordFailedLogin(userId, lockoutAttempts, lockoutSeconds);
    this.logger.warn({ event: lockedUntil ? 'auth.locked' : 'auth.login_failed', userId });
    return lockedUntil;
  }

  private async startSession(tx: SqlRunner, user: LoginUserRow, userAgent: string | null): Promise<TokenResponse> {
    const sessionId = await this.repo.createSession(tx, user.id, userAgent, this.config.auth.refreshTokenSeconds);
    return this.issue(tx, user, sessionId);
  }

  private async issue(tx: SqlRunner, user: LoginUserRow, sessionId: string): Promise<TokenResponse> {
    const { accessTokenSeconds, refreshTokenSeconds } = this.config.auth;
    const refreshToken = newRefreshToken();
    await this.repo.insertRefreshToken(tx, hashRefreshToken(refreshToken), sessionId, refreshTokenSeconds);
    const now = Math.floor(Date.now() / 1000);
    const sessionUser: SessionUser = {
      id: user.id,
      username: user.username,
      displayName: user.display_name,
      role: user.role,
      departmentId: user.department_id,
      districtCode: user.district_code,
    };
    const accessToken = signJwt(
      {
        sub: user.id,
        role: user.role,
        departmentId: user.department_id,
        districtCode: user.district_code,
        name: user.display_name,
        sid: sessionId,
        ver: user.token_version,
        iat: now,
        exp: now + accessTokenSeconds,
      },
      this.config.jwtSecret,
    );
    return { accessToken, refreshToken, expiresIn: accessTokenSeconds, user: sessionUser };
  }
}

function invalidCredentials(): ApiError {
  return new ApiError('AUTH.INVALID_CREDENTIALS', 'wrong username or password');
}

function locked(until: string): ApiError {
  return new ApiError('AUTH.LOCKED', `too many failed logins; the account is locked until ${until}`, [
    { field: 'lockedUntil', message: until },
  ]);
}
