import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { GeocodeResponse, ReverseGeocodeResponse } from '@urbangrid/contracts';
import { GeocodeQueryDto } from './dto/geocode-query.dto';
import { ReverseGeocodeQueryDto } from './dto/reverse-geocode-query.dto';
import { GeocodingService } from './geocoding.service';
import { AnyRole } from '../auth/auth.decorators';

/** 地理编码 geocoding (GB/T 30428.3): address text → point, and point → regions and 位置描述. */
@ApiTags('geocoding')
@Controller('geocode')
export class GeocodingController {
  constructor(private readonly geocoding: GeocodingService) {}

  @Get()
  @AnyRole()
  @ApiOperation({ summary: 'Address text → candidate points with match level, score and regions' })
  @ApiOkResponse({ description: 'Candidates, best first; 404 GEOCODE.NOT_FOUND, 422 GEOCODE.UNPARSEABLE' })
  geocode(@Query() q: GeocodeQueryDto): Promise<GeocodeResponse> {
    return this.geocoding.geocode(q.q, q.crs);
  }

  @Get('reverse')
  @AnyRole()
  @ApiOperation({
    summary: 'Point → grid, community, street, district, nearest address, POI, road and a description',
  })
  @ApiOkResponse({ description: '422 GEO.OUT_OF_EXTENT outside the city, 400 GEO.UNKNOWN_CRS' })
  reverse(@Query() q: ReverseGeocodeQueryDto): Promise<ReverseGeocodeResponse> {
    return this.geocoding.reverse(q.lon, q.lat, q.crs);
  }
}
