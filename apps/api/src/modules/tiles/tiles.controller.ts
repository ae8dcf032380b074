import { Controller, Get, Header, Param } from '@nestjs/common';
import { ApiOperation, ApiParam, ApiProduces, ApiTags } from '@nestjs/swagger';
import { MAP_LAYERS } from '@urbangrid/contracts';
import { TilesService } from './tiles.service';
import { AnyRole } from '../auth/auth.decorators';

@ApiTags('map')
@Controller('tiles')
export class TilesController {
  constructor(private readonly tiles: TilesService) {}

  @Get(':layer/:z/:x/:y.mvt')
  @AnyRole()
  @ApiOperation({ summary: 'A vector tile (Mapbox Vector Tile 2.1) of one map layer' })
  @ApiParam({ name: 'layer', enum: MAP_LAYERS })
  @ApiProduces('application/vnd.mapbox-vector-tile')
  @Header('content-type', 'application/vnd.mapbox-vector-tile')
  @Header('cache-control', 'private, max-age=300')
  async tile(
    @Param('layer') layer: string,
    @Param('z') z: string,
    @Param('x') x: string,
    @Param('y') y: string,
  ): Promise<Buffer> {
    const bytes = await this.tiles.tile(layer, z, x, y);
    return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }
}
