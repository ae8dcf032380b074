import { Controller, Get, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { AuditChainReport } from '@urbangrid/contracts';
import { IsOptional, Matches } from 'class-validator';
import { Roles } from '../auth/auth.decorators';
import { AuditService } from './audit.service';

class VerifyQueryDto {
  @IsOptional()
  @Matches(/^\d{6}$/, { message: 'districtCode must be 6 digits' })
  districtCode?: string;
}

@ApiTags('audit')
@Controller('audit')
export class AuditController {
  constructor(private readonly audit: AuditService) {}

  @Get('verify')
  @Roles('admin', 'leader')
  @ApiOperation({ summary: 'Verify the SM3 audit chains; reports the first broken link of each' })
  verify(@Query() q: VerifyQueryDto): Promise<AuditChainReport> {
    return this.audit.verify(q.districtCode);
  }
}
