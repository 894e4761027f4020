import { createServer, type Server, type Socket } from 'node:net';

/**
 * A TCP listener on 127.0.0.1 that counts the connections it receives and greets each
 * with `banner` (e.g. an SSH banner). The egress tests require it to see none when the
 * policy refuses.
 */
export interface CountingListener {
  readonly port: number;
  readonly connections: () => number;
  close(): Promise<void>;
}

export const startCountingListener = async (banner: string | null = null): Promise<CountingListener> => {
  let count = 0;
  const sockets = new Set<Socket>();
  const server: Server = createServer((socket) => {
    count += 1;
    sockets.add(socket);
    socket.on('error', () => {});
    socket.on('close', () => sockets.delete(socket));
    if (banner !== null) socket.write(banner);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  return {
    port,
    connections: () => count,
    close: async () => {
      for (const s of sockets) s.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
};
