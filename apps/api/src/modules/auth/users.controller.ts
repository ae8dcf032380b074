import { Body, Controller, Get, HttpCode, Param, Patch, Post, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { UserRecord } from '@urbangrid/contracts';
import { CurrentUser, Roles } from './auth.decorators';
import {
  CreateUserDto,
  ListUsersQueryDto,
  ResetPasswordDto,
  SetGridsDto,
  UpdateUserDto,
  UserIdParamDto,
} from './dto/users.dto';
import type { AuthUser } from './principal';
import { UsersService } from './users.service';

@ApiTags('users')
@ApiBearerAuth()
@Controller('users')
export class UsersController {
  constructor(private readonly users: UsersService) {}

  @Get()
  @Roles('admin')
  @ApiOperation({ summary: 'Users, optionally of one role' })
  list(@Query() q: ListUsersQueryDto): Promise<UserRecord[]> {
    return this.users.list(q.role);
  }

  @Post()
  @Roles('admin')
  @ApiOperation({ summary: 'Create a user (password policy: ≥ 8 characters, a letter and a digit)' })
  create(@CurrentUser() admin: AuthUser, @Body() body: CreateUserDto): Promise<UserRecord> {
    return this.users.create(admin, body);
  }

  @Get(':id')
  @Roles('admin')
  @ApiOperation({ summary: 'One user' })
  get(@Param() p: UserIdParamDto): Promise<UserRecord> {
    return this.users.get(p.id);
  }

  @Patch(':id')
  @Roles('admin')
  @ApiOperation({ summary: 'Change name, role, department or active flag (deactivation ends sessions)' })
  update(@CurrentUser() admin: AuthUser, @Param() p: UserIdParamDto, @Body() body: UpdateUserDto): Promise<UserRecord> {
    return this.users.update(admin, p.id, body);
  }

  @Post(':id/password')
  @Roles('admin')
  @HttpCode(204)
  @ApiOperation({ summary: 'Reset a user’s password; every session of the user ends' })
  resetPassword(@CurrentUser() admin: AuthUser, @Param() p: UserIdParamDto, @Body() body: ResetPasswordDto): Promise<void> {
    return this.users.resetPassword(admin, p.id, body.password);
  }

  @Post(':id/unlock')
  @Roles('admin')
  @HttpCode(200)
  @ApiOperation({ summary: 'Lift a login lockout' })
  unlock(@CurrentUser() admin: AuthUser, @Param() p: UserIdParamDto): Promise<UserRecord> {
    return this.users.unlock(admin, p.id);
  }

  @Put(':id/grids')
  @Roles('admin')
  @ApiOperation({ summary: 'Replace an inspector’s 责任网格 (responsibility grids)' })
  setGrids(@CurrentUser() admin: AuthUser, @Param() p: UserIdParamDto, @Body() body: SetGridsDto): Promise<UserRecord> {
    return this.users.setGrids(admin, p.id, body.gridCodes);
  }
}
