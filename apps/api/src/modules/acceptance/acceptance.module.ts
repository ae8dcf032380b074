import { Module } from '@nestjs/common';
import { EvaluationModule } from '../evaluation/evaluation.module';
import { AcceptanceController } from './acceptance.controller';
import { AcceptanceRepository } from './acceptance.repository';
import { AcceptanceService } from './acceptance.service';
import { EvaluationExportController } from './evaluation-export.controller';

/** 验收 (part 6) and the report exports, with the evaluation tables' XLSX / CSV export. */
@Module({
  imports: [EvaluationModule],
  controllers: [AcceptanceController, EvaluationExportController],
  providers: [AcceptanceService, AcceptanceRepository],
})
export class AcceptanceModule {}
