import { Body, Controller, Get, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { DepartmentRecord } from '@urbangrid/contracts';
import { AnyRole, CurrentUser, Roles } from './auth.decorators';
import { CreateDepartmentDto } from './dto/users.dto';
import type { AuthUser } from './principal';
import { UsersService } from './users.service';

@ApiTags('departments')
@ApiBearerAuth()
@Controller('departments')
export class DepartmentsController {
  constructor(private readonly users: UsersService) {}

  /** Any role: the dispatcher picks targets from it and handlers see their own tree. */
  @Get()
  @AnyRole()
  @ApiOperation({ summary: 'Departments (专业部门) with their parent (sub-units)' })
  list(): Promise<DepartmentRecord[]> {
    return this.users.listDepartments();
  }

  @Post()
  @Roles('admin')
  @ApiOperation({ summary: 'Create a department or a sub-unit (parentId)' })
  create(@CurrentUser() admin: AuthUser, @Body() body: CreateDepartmentDto): Promise<DepartmentRecord> {
    return this.users.createDepartment(admin, body);
  }
}
