import { Module } from '@nestjs/common';
import { Database } from '../../database/database';
import { ClassesController } from './classes.controller';
import { ClassesRepository } from './classes.repository';
import { ClassesService } from './classes.service';

@Module({
  controllers: [ClassesController],
  providers: [
    ClassesService,
    {
      provide: ClassesRepository,
      inject: [Database],
      useFactory: (db: Database) => new ClassesRepository(db),
    },
  ],
  exports: [ClassesService],
})
export class ClassesModule {}
