import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { GarageCityKeysMigration } from './garage-city-keys-migration';
import { Garage, GarageSchema } from './garage.schema';
import { GaragesController } from './garages.controller';
import { GaragesService } from './garages.service';

@Module({
  imports: [MongooseModule.forFeature([{ name: Garage.name, schema: GarageSchema }])],
  controllers: [GaragesController],
  providers: [GaragesService, GarageCityKeysMigration],
  exports: [GaragesService],
})
export class GaragesModule {}
