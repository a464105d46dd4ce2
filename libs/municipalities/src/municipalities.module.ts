import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { MunicipalitiesService } from './municipalities.service';
import { Municipality } from './municipality.entity';

/** The municipality register. Needs the database connection (TypeOrmModule.forRoot) of the program. */
@Module({
  imports: [TypeOrmModule.forFeature([Municipality])],
  providers: [MunicipalitiesService],
  exports: [MunicipalitiesService],
})
export class MunicipalitiesModule {}
