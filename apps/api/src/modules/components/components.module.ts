import { Module } from '@nestjs/common';
import { Database } from '../../database/database';
import { ComponentsController } from './components.controller';
import { ComponentsRepository } from './components.repository';
import { ComponentsService } from './components.service';

@Module({
  controllers: [ComponentsController],
  providers: [
    ComponentsService,
    {
      provide: ComponentsRepository,
      inject: [Database],
      useFactory: (db: Database) => new ComponentsRepository(db),
    },
  ],
  exports: [ComponentsService],
})
export class ComponentsModule {}
