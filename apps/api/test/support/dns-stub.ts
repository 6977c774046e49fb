import dgram from 'node:dgram';

export interface DnsStub {
  port: number;
  /** Names answered with an A record for the loopback address given; any other name gets NXDOMAIN. */
  names: Map<string, string>;
  close: () => Promise<void>;
}

/** Reads the question's name from a DNS query (labels from byte 12 on). */
function questionName(query: Buffer): { name: string; end: number } {
  const labels: string[] = [];
  let offset = 12;
  while (query[offset] !== 0) {
    const length = query[offset];
    labels.push(query.subarray(offset + 1, offset + 1 + length).toString('ascii'));
    offset += length + 1;
  }
  return { name: labels.join('.').toLowerCase(), end: offset + 5 };
}

/**
 * A DNS server on 127.0.0.1 that stands in for Docker's (127.0.0.11 in a container), so that a test
 * can make a compose service's name resolve, or not, while nginx runs.
 */
export async function startDnsStub(): Promise<DnsStub> {
  const socket = dgram.createSocket('udp4');
  const names = new Map<string, string>();
  socket.on('message', (query, remote) => {
    const { name, end } = questionName(query);
    const address = names.get(name);
    const found = address !== undefined;
    const header = Buffer.alloc(12);
    query.copy(header, 0, 0, 2);
    header.writeUInt16BE(found ? 0x8180 : 0x8183, 2);
    header.writeUInt16BE(1, 4);
    header.writeUInt16BE(found ? 1 : 0, 6);
    const question = query.subarray(12, end);
    const answer = found
      ? Buffer.from([0xc0, 0x0c, 0, 1, 0, 1, 0, 0, 0, 1, 0, 4, ...address.split('.').map(Number)])
      : Buffer.alloc(0);
    socket.send(Buffer.concat([header, question, answer]), remote.port, remote.address);
  });
  await new Promise<void>((resolve) => socket.bind(0, '127.0.0.1', resolve));
  return {
    port: socket.address().port,
    names,
    close: () => new Promise((resolve) => socket.close(() => resolve())),
  };
}
