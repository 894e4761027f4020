import { Writable } from 'node:stream';
import { Command } from 'commander';
import { storeCommand, type StoreCliIo } from '../../src/cli/storeCopy.js';

/** The command's output captured; `summary()` is its last stdout line, the JSON summary. */
export const captureIo = () => {
  const out: string[] = [];
  const err: string[] = [];
  const io: StoreCliIo = {
    stdout: new Writable({ write: (chunk, _enc, done) => (out.push(String(chunk)), done()) }),
    stderr: { isTTY: false, write: (chunk: string) => (err.push(chunk), true) } as unknown as NodeJS.WriteStream,
    setExitCode: () => {},
  };
  return { io, out, err, summary: () => JSON.parse(out.join('').trim().split('\n').at(-1)!) as Record<string, any> };
};

/** The real command line, parsed by commander in-process (main.ts adds only the exit-1 catch). */
export const runCli = async (io: StoreCliIo, ...args: string[]) => {
  const program = new Command().exitOverride();
  const store = storeCommand(io).exitOverride();
  for (const sub of store.commands) sub.exitOverride().configureOutput({ writeErr: () => {} });
  program.addCommand(store);
  await program.parseAsync(['node', 'mailroom', 'store', 'copy', ...args]);
};
