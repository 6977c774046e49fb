import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { AppointmentsModule } from '../appointments/appointments.module';
import { AttachmentsModule } from '../attachments/attachments.module';
import { BlocksModule } from '../blocks/blocks.module';
import { GaragesModule } from '../garages/garages.module';
import { MessagesModule } from '../messages/messages.module';
import { Quote, QuoteSchema } from './quote.schema';
import { QuotesController } from './quotes.controller';
import { QuotesService } from './quotes.service';

/** Quotes (devis) sent in the client's conversation with the garage, and the client's answers. */
@Module({
  imports: [
    MongooseModule.forFeature([{ name: Quote.name, schema: QuoteSchema }]),
    AppointmentsModule,
    AttachmentsModule,
    BlocksModule,
    GaragesModule,
    MessagesModule,
  ],
  controllers: [QuotesController],
  providers: [QuotesService],
})
export class QuotesModule {}
