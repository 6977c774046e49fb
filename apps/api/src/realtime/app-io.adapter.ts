import type { INestApplicationContext } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { IoAdapter } from '@nestjs/platform-socket.io';
import type { Server, ServerOptions } from 'socket.io';
import type { Environment } from '../config/environment';

/** Socket.IO frames are bounded: the largest valid event is a 2,000-character message. */
const MAX_FRAME_BYTES = 32 * 1024;

/** Socket.IO with the API's CORS origin and bounded frames. */
export class AppIoAdapter extends IoAdapter {
  constructor(private readonly app: INestApplicationContext) {
    super(app);
  }

  override createIOServer(port: number, options?: ServerOptions): Server {
    const config =
      this.app.get<ConfigService<Environment, true>>(ConfigService);
    return super.createIOServer(port, {
      ...options,
      cors: {
        origin: config.get('FRONTEND_URL', { infer: true }),
        credentials: true,
      },
      maxHttpBufferSize: MAX_FRAME_BYTES,
    });
  }
}
