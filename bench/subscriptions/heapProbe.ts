/**
 * A server's live JavaScript heap, read through its inspector (the bench starts both servers
 * with `--inspect=127.0.0.1:0`): a full GC, then the heap in use. RSS growth while clients
 * connect also counts garbage not yet collected and heap the allocator had already reserved,
 * so it swings by tens of KiB per subscriber between runs; this is what the subscribers keep.
 */
import WebSocket from 'ws';

/** The inspector's WebSocket address, from the `Debugger listening on ws://…` line Node prints. */
export const inspectorUrlIn = (output: string): string | null => /Debugger listening on (ws:\/\/\S+)/.exec(output)?.[1] ?? null;

/** Bytes of JavaScript heap in use after a full garbage collection. */
export const heapUsedAfterGc = (inspectorUrl: string): Promise<number> =>
  new Promise((resolve, reject) => {
    const socket = new WebSocket(inspectorUrl);
    const send = (id: number, method: string) => socket.send(JSON.stringify({ id, method }));
    socket.once('open', () => send(1, 'HeapProfiler.collectGarbage'));
    socket.on('message', (data) => {
      const message = JSON.parse(String(data)) as { id?: number; result?: { usedSize?: number }; error?: unknown };
      if (message.error) return void (socket.close(), reject(new Error(JSON.stringify(message.error))));
      if (message.id === 1) send(2, 'Runtime.getHeapUsage');
      else if (message.id === 2) {
        socket.close();
        resolve(message.result!.usedSize!);
      }
    });
    socket.once('error', reject);
  });
