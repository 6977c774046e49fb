import net from 'node:net';

/**
 * A loopback TCP relay in front of a server (the database, or the API), so a test can cut a
 * client off from a real server (and bring it back) without owning the server process, or hold
 * what the server sends back while the client's own bytes still go through.
 */
export class TcpProxy {
  private server?: net.Server;
  private readonly sockets = new Set<net.Socket>();
  private held: [net.Socket, Buffer][] | null = null;
  port = 0;

  constructor(
    private readonly targetHost: string,
    private readonly targetPort: number,
  ) {}

  /** Listens (again) on the same port; does nothing while already listening. */
  async open(): Promise<void> {
    if (this.server) return;
    const server = net.createServer((client) => {
      const upstream = net.connect({
        host: this.targetHost,
        port: this.targetPort,
      });
      for (const socket of [client, upstream]) {
        this.sockets.add(socket);
        socket.on('close', () => this.sockets.delete(socket));
        socket.on('error', () => socket.destroy());
      }
      client.pipe(upstream);
      upstream.on('data', (chunk: Buffer) => (this.held ? this.held.push([client, chunk]) : client.write(chunk)));
      client.on('close', () => upstream.destroy());
      upstream.on('close', () => client.destroy());
    });
    await new Promise<void>((resolve) => server.listen(this.port, '127.0.0.1', resolve));
    this.port = (server.address() as net.AddressInfo).port;
    this.server = server;
  }

  /** Refuses new connections and drops the open ones, as a server that went away. */
  async cut(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    this.held = null;
    for (const socket of this.sockets) socket.destroy();
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  /** From now on what the server sends back waits here, as on a link stalled one way. */
  hold(): void {
    this.held ??= [];
  }

  /** Lets through, in order, what was held, and what follows. */
  release(): void {
    const held = this.held ?? [];
    this.held = null;
    for (const [client, chunk] of held) if (!client.destroyed) client.write(chunk);
  }
}
