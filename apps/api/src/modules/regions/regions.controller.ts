import { Body, Controller, Get, Header, Param, Put, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { MAP_LAYERS, REGION_LEVELS, type RegionVersion } from '@urbangrid/contracts';
import { LocateQueryDto } from './dto/locate-query.dto';
import { RedrawRegionDto, RegionDateQueryDto } from './dto/redraw-region.dto';
import { RegionsService } from './regions.service';
import { AnyRole, Roles } from '../auth/auth.decorators';

@ApiTags('regions')
@Controller()
export class RegionsController {
  constructor(private readonly regions: RegionsService) {}

  @Get('map/layers/:layer')
  @AnyRole()
  @ApiOperation({ summary: 'A map layer (districts, streets, communities, grids, roads) as GeoJSON' })
  @ApiParam({ name: 'layer', enum: MAP_LAYERS })
  @Header('content-type', 'application/geo+json; charset=utf-8')
  @Header('cache-control', 'private, max-age=60')
  layer(@Param('layer') layer: string, @Query() q: RegionDateQueryDto): Promise<string> {
    return this.regions.layer(layer, q.date);
  }

  @Get('regions/locate')
  @AnyRole()
  @ApiOperation({ summary: 'The unit grid, community, street and district containing a point' })
  @ApiOkResponse({ description: 'Codes and names of the four regions' })
  locate(@Query() q: LocateQueryDto) {
    return this.regions.locate(q.lon, q.lat, q.date);
  }

  @Get('regions/:level/:code')
  @AnyRole()
  @ApiOperation({ summary: 'The version of a region in force on a date (default today), with its outline' })
  @ApiParam({ name: 'level', enum: REGION_LEVELS })
  version(
    @Param('level') level: string,
    @Param('code') code: string,
    @Query() q: RegionDateQueryDto,
  ): Promise<RegionVersion> {
    return this.regions.version(level, code, q.date);
  }

  @Get('regions/:level/:code/history')
  @AnyRole()
  @ApiOperation({ summary: 'Every version of a region, oldest first' })
  @ApiParam({ name: 'level', enum: REGION_LEVELS })
  history(@Param('level') level: string, @Param('code') code: string): Promise<RegionVersion[]> {
    return this.regions.history(level, code);
  }

  @Put('regions/:level/:code')
  @Roles('admin')
  @ApiOperation({
    summary: 'Redraw a region: retire the version in force and add the new outline from validFrom',
  })
  @ApiParam({ name: 'level', enum: REGION_LEVELS })
  redraw(
    @Param('level') level: string,
    @Param('code') code: string,
    @Body() body: RedrawRegionDto,
  ): Promise<RegionVersion> {
    return this.regions.redraw(level, code, body);
  }
}
