import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { GaragesModule } from '../garages/garages.module';
import { GarageResponsiveness, GarageResponsivenessSchema } from './garage-responsiveness.schema';
import { ResponsivenessController } from './responsiveness.controller';
import { ResponsivenessService } from './responsiveness.service';
import { ResponsivenessStats } from './responsiveness-stats';

@Module({
  imports: [
    MongooseModule.forFeature([{ name: GarageResponsiveness.name, schema: GarageResponsivenessSchema }]),
    GaragesModule,
  ],
  controllers: [ResponsivenessController],
  providers: [ResponsivenessService, ResponsivenessStats],
  exports: [ResponsivenessStats],
})
export class ResponsivenessModule {}
