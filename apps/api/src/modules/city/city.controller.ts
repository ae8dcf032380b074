import { Controller, Get } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { CityInfo } from '@urbangrid/contracts';
import { CityService } from './city.service';
import { AnyRole } from '../auth/auth.decorators';

@ApiTags('city')
@Controller('city')
export class CityController {
  constructor(private readonly city: CityService) {}

  @Get()
  @AnyRole()
  @ApiOperation({ summary: 'City name, extents, time zone and optional basemap for the web map' })
  info(): Promise<CityInfo> {
    return this.city.info();
  }
}
