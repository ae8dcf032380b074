import { Module } from '@nestjs/common';
import { Database } from '../../database/database';
import { ExportsService } from './exports.service';
import { ImportsController } from './imports.controller';
import { ImportsRepository } from './imports.repository';
import { ImportsService } from './imports.service';

/** 数据导入导出 imports and exports of regions and components. */
@Module({
  controllers: [ImportsController],
  providers: [
    ImportsService,
    ExportsService,
    {
      provide: ImportsRepository,
      inject: [Database],
      useFactory: (db: Database) => new ImportsRepository(db),
    },
  ],
})
export class ImportsModule {}
