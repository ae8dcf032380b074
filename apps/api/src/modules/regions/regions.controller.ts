import { Controller, Get, Header, Param, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { MAP_LAYERS } from '@urbangrid/contracts';
import { LocateQueryDto } from './dto/locate-query.dto';
import { RegionsService } from './regions.service';

@ApiTags('regions')
@Controller()
export class RegionsController {
  constructor(private readonly regions: RegionsService) {}

  @Get('map/layers/:layer')
  @ApiOperation({ summary: 'A map layer (districts, streets, communities, grids, roads) as GeoJSON' })
  @ApiParam({ name: 'layer', enum: MAP_LAYERS })
  @Header('content-type', 'application/geo+json; charset=utf-8')
  @Header('cache-control', 'public, max-age=60')
  layer(@Param('layer') layer: string): Promise<string> {
    return this.regions.layer(layer);
  }

  @Get('regions/locate')
  @ApiOperation({ summary: 'The unit grid, community, street and district containing a point' })
  @ApiOkResponse({ description: 'Codes and names of the four regions' })
  locate(@Query() q: LocateQueryDto) {
    return this.regions.locate(q.lon, q.lat, q.date);
  }
}
