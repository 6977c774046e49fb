import { Module } from '@nestjs/common';
import { DrainService } from './drain.service';
import { RealtimeModule } from '../realtime/realtime.module';

@Module({ imports: [RealtimeModule], providers: [DrainService], exports: [DrainService] })
export class LifecycleModule {}
