import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module';
import { AppointmentsModule } from '../appointments/appointments.module';
import { MessagesModule } from '../messages/messages.module';
import { ResponsivenessModule } from '../responsiveness/responsiveness.module';
import { UsersModule } from '../users/users.module';
import { DemoSeedService } from './demo-seed.service';

@Module({
  imports: [AuthModule, UsersModule, AppointmentsModule, MessagesModule, ResponsivenessModule],
  providers: [DemoSeedService],
})
export class SeedModule {}
