import { Body, Controller, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { ClassificationDto, ClassListResponse, ClassTreeResponse } from '@urbangrid/contracts';
import { ClassesService } from './classes.service';
import { ClassParamsDto } from './dto/class-params.dto';
import { CreateClassDto } from './dto/create-class.dto';
import { ListClassesQueryDto } from './dto/list-classes-query.dto';
import { RetireClassDto } from './dto/retire-class.dto';
import { UpdateClassDto } from './dto/update-class.dto';
import { AnyRole, Roles } from '../auth/auth.decorators';

/**
 * 部件/事件分类 component and event classes. The writes will be admin-only once roles exist
 * (authentication is a later issue).
 */
@ApiTags('classes')
@Controller('classes')
export class ClassesController {
  constructor(private readonly classes: ClassesService) {}

  @Get()
  @AnyRole()
  @ApiOperation({ summary: 'Component and event classes, flat (code order) or as a big → small tree' })
  @ApiOkResponse({ description: '{ items }' })
  async list(@Query() q: ListClassesQueryDto): Promise<ClassListResponse | ClassTreeResponse> {
    const opts = { kind: q.kind, includeRetired: q.includeRetired ?? false };
    return { items: q.view === 'tree' ? await this.classes.tree(opts) : await this.classes.list(opts) };
  }

  @Get(':kind/:code')
  @AnyRole()
  @ApiOperation({ summary: 'One class: the current row, else the latest retired one' })
  get(@Param() p: ClassParamsDto): Promise<ClassificationDto> {
    return this.classes.get(p.kind, p.code);
  }

  @Post()
  @Roles('admin')
  @ApiOperation({ summary: 'Create a local class (big 21+, small 9x in a national big class, or detail)' })
  @ApiCreatedResponse({ description: 'The new class' })
  create(@Body() body: CreateClassDto): Promise<ClassificationDto> {
    return this.classes.create(body);
  }

  @Patch(':kind/:code')
  @Roles('admin')
  @ApiOperation({ summary: 'Rename, English name, public flag, geometry type' })
  update(@Param() p: ClassParamsDto, @Body() body: UpdateClassDto): Promise<ClassificationDto> {
    return this.classes.update(p.kind, p.code, body);
  }

  @Post(':kind/:code/retire')
  @Roles('admin')
  @HttpCode(200)
  @ApiOperation({ summary: 'Retire a class from a date (default today); the row stays, never deleted' })
  retire(@Param() p: ClassParamsDto, @Body() body: RetireClassDto): Promise<ClassificationDto> {
    return this.classes.retire(p.kind, p.code, body.validTo);
  }
}
