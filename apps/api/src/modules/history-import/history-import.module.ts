import { Module } from '@nestjs/common';
import { HistoryImportController } from './history-import.controller';
import { HistoryImportRepository } from './history-import.repository';
import { HistoryImportService } from './history-import.service';

/** 历史案卷导入: past cases of an old system, replayed through the workflow (docs/history-import.md). */
@Module({
  controllers: [HistoryImportController],
  providers: [HistoryImportService, HistoryImportRepository],
})
export class HistoryImportModule {}
