import type { Socket } from 'socket.io';
import type { AuthUser } from '../auth/auth-user';
import { forbidden } from '../common/app-exception';
import { toErrorBody } from '../common/error-body';
import type { TokenService } from '../auth/token.service';

export interface SocketData {
  user: AuthUser;
  /** The session the handshake's token belongs to: ending it closes the socket. */
  sessionId: string;
  /** When the handshake's token expires (epoch ms): the socket is closed then. */
  expiresAt: number;
}

/**
 * Handshake middleware: the JWT travels in `auth.token`. A refusal reaches the client as a
 * connect_error whose message starts with the code ("TOKEN_EXPIRED: …"), and whose data
 * holds `{ code, message }`.
 */
export function socketAuthMiddleware(tokens: TokenService) {
  return (socket: Socket, next: (error?: Error) => void) => {
    const token = (socket.handshake.auth as { token?: unknown } | undefined)?.token;
    tokens
      .verifySession(typeof token === 'string' ? token : undefined)
      .then(({ user, sessionId, expiresAt }) => {
        // An admin moderates over REST: it has no conversations, and nothing to send or receive.
        if (user.role === 'admin') throw forbidden('An admin account has no messaging socket.');
        Object.assign(socket.data as SocketData, { user, sessionId, expiresAt });
        next();
      })
      .catch((exception: unknown) => {
        const { code, message } = toErrorBody(exception);
        next(
          Object.assign(new Error(`${code}: ${message}`), {
            data: { code, message },
          }),
        );
      });
  };
}
