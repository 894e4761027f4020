import { createSocket } from 'node:dgram';

/**
 * A tiny authoritative DNS server on 127.0.0.1 (UDP, RFC 1035 §4) answering TXT
 * questions from a table, so node:dns's real resolver can be pointed at it. Unknown
 * names get NXDOMAIN; other types get an empty NOERROR answer.
 */
export interface LocalDns {
  /** "127.0.0.1:<port>" for `Resolver#setServers`. */
  readonly server: string;
  /** name → TXT records, each a list of character-strings. */
  readonly records: Map<string, string[][]>;
  close(): Promise<void>;
}

const readName = (msg: Buffer, offset: number): { name: string; end: number } => {
  const labels: string[] = [];
  let i = offset;
  while (msg[i]! !== 0) {
    const len = msg[i]!;
    labels.push(msg.subarray(i + 1, i + 1 + len).toString('ascii'));
    i += 1 + len;
  }
  return { name: labels.join('.').toLowerCase(), end: i + 1 };
};

const txtRdata = (strings: readonly string[]): Buffer =>
  Buffer.concat(strings.map((s) => Buffer.concat([Buffer.from([Buffer.byteLength(s)]), Buffer.from(s)])));

export const startLocalDns = async (): Promise<LocalDns> => {
  const records = new Map<string, string[][]>();
  const socket = createSocket('udp4');
  socket.on('message', (msg, peer) => {
    const { name, end } = readName(msg, 12);
    const qtype = msg.readUInt16BE(end);
    const question = msg.subarray(12, end + 4);
    const found = records.get(name);
    const answers = found && qtype === 16 ? found : [];
    const header = Buffer.alloc(12);
    header.writeUInt16BE(msg.readUInt16BE(0), 0);
    header.writeUInt16BE(0x8400 | (msg.readUInt16BE(2) & 0x0100) | (found ? 0 : 3), 2);
    header.writeUInt16BE(1, 4);
    header.writeUInt16BE(answers.length, 6);
    const rrs = answers.map((strings) => {
      const rdata = txtRdata(strings);
      const rr = Buffer.alloc(12);
      rr.writeUInt16BE(0xc00c, 0);
      rr.writeUInt16BE(16, 2);
      rr.writeUInt16BE(1, 4);
      rr.writeUInt32BE(60, 6);
      rr.writeUInt16BE(rdata.length, 10);
      return Buffer.concat([rr, rdata]);
    });
    socket.send(Buffer.concat([header, question, ...rrs]), peer.port, peer.address);
  });
  await new Promise<void>((r) => socket.bind(0, '127.0.0.1', r));
  return {
    server: `127.0.0.1:${socket.address().port}`,
    records,
    close: () => new Promise<void>((r) => socket.close(() => r())),
  };
};
