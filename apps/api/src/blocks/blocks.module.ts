import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { GaragesModule } from '../garages/garages.module';
import { RealtimeModule } from '../realtime/realtime.module';
import { UsersModule } from '../users/users.module';
import { Block, BlockSchema } from './block.schema';
import { BlocksController } from './blocks.controller';
import { BlocksService } from './blocks.service';
import { ContactBlocks } from './contact-blocks';

/**
 * Blocks between a client and a garage. Other modules ask ContactBlocks whether a pair may reach
 * each other (messages, typing, bookings) and BlocksService for a person's blocks (export, erasure).
 */
@Module({
  imports: [
    MongooseModule.forFeature([{ name: Block.name, schema: BlockSchema }]),
    UsersModule,
    GaragesModule,
    RealtimeModule,
  ],
  controllers: [BlocksController],
  providers: [BlocksService, ContactBlocks],
  exports: [BlocksService, ContactBlocks],
})
export class BlocksModule {}
