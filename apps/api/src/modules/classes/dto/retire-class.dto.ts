import { ApiPropertyOptional } from '@nestjs/swagger';
import type { RetireClassRequest } from '@urbangrid/contracts';
import { IsISO8601, IsOptional, Matches } from 'class-validator';

export class RetireClassDto implements RetireClassRequest {
  @ApiPropertyOptional({ example: '2026-07-01', description: 'First day no longer in force; default today' })
  @IsOptional()
  @IsISO8601({ strict: true })
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'validTo must be a date YYYY-MM-DD' })
  validTo?: string;
}
