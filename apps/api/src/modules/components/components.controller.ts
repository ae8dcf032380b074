import { Body, Controller, Get, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { ComponentDto, ComponentPage, NearestComponentResponse } from '@urbangrid/contracts';
import { ComponentsService } from './components.service';
import {
  ComponentCodeParamDto,
  ListComponentsQueryDto,
  NearestComponentQueryDto,
} from './dto/component-queries.dto';
import { CreateComponentDto } from './dto/create-component.dto';
import { UpdateComponentDto } from './dto/update-component.dto';
import { AnyRole, Roles } from '../auth/auth.decorators';

@ApiTags('components')
@Controller('components')
export class ComponentsController {
  constructor(private readonly components: ComponentsService) {}

  @Post()
  @Roles('admin')
  @ApiOperation({ summary: 'Register a component (部件): code assigned or checked, grid derived' })
  create(@Body() body: CreateComponentDto): Promise<ComponentDto> {
    return this.components.create(body);
  }

  @Get()
  @AnyRole()
  @ApiOperation({ summary: 'Components by bbox, class and grid, in code order (keyset pages)' })
  list(@Query() q: ListComponentsQueryDto): Promise<ComponentPage> {
    return this.components.list(q);
  }

  // Declared before ':code' so that "nearest" is not taken for a code.
  @Get('nearest')
  @AnyRole()
  @ApiOperation({ summary: 'The component nearest to a point, optionally of one class' })
  nearest(@Query() q: NearestComponentQueryDto): Promise<NearestComponentResponse> {
    return this.components.nearest(q.lon, q.lat, q.class);
  }

  @Get(':code')
  @AnyRole()
  @ApiOperation({ summary: 'One component by its 部件标识码' })
  get(@Param() p: ComponentCodeParamDto): Promise<ComponentDto> {
    return this.components.get(p.code);
  }

  @Patch(':code')
  @Roles('admin')
  @ApiOperation({ summary: 'Change state, attributes, note or geometry (the grid is derived again)' })
  update(@Param() p: ComponentCodeParamDto, @Body() body: UpdateComponentDto): Promise<ComponentDto> {
    return this.components.update(p.code, body);
  }
}
