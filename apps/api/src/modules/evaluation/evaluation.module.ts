import { Module } from '@nestjs/common';
import { Database } from '../../database/database';
import { EvaluationController } from './evaluation.controller';
import { EvaluationRepository } from './evaluation.repository';
import { EvaluationService } from './evaluation.service';

@Module({
  controllers: [EvaluationController],
  providers: [
    EvaluationService,
    {
      provide: EvaluationRepository,
      inject: [Database],
      useFactory: (db: Database) => new EvaluationRepository(db),
    },
  ],
  exports: [EvaluationService],
})
export class EvaluationModule {}
