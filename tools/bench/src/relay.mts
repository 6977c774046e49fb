// The bare transport the API is compared with: Socket.IO alone, with no authentication, database
// or validation. On `send-message` it emits `new-message` to the recipient's room and acks.
import { createServer } from 'node:http';
import { Server } from 'socket.io';

const port = Number(process.argv[2]);
if (!Number.isInteger(port) || port <= 0) {
  console.error('usage: relay.mts <port>');
  process.exit(2);
}

interface RelayPayload {
  recipientId: string;
  content: string;
  clientMessageId?: string;
}

const http = createServer();
const io = new Server(http);
let counter = 0;

io.on('connection', (socket) => {
  const userId = String((socket.handshake.auth as { userId?: unknown }).userId);
  void socket.join(`user:${userId}`);
  socket.on('join-room', (_payload: unknown, ack: (response: object) => void) =>
    ack({ ok: true, conversationId: null }),
  );
  socket.on('send-message', (payload: RelayPayload, ack: (response: object) => void) => {
    counter += 1;
    const message = {
      id: counter.toString(16).padStart(24, '0'),
      conversationId: '',
      senderId: userId,
      recipientId: payload.recipientId,
      content: payload.content,
      ...(payload.clientMessageId ? { clientMessageId: payload.clientMessageId } : {}),
      createdAt: new Date().toISOString(),
    };
    io.to(`user:${payload.recipientId}`).emit('new-message', message);
    ack({ ok: true, message });
  });
});

http.listen(port, '127.0.0.1', () => console.log(`[relay] listening on 127.0.0.1:${port}`));
const stop = () => io.close(() => process.exit(0));
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
