import { Command } from 'commander';
import { vi } from 'vitest';
import { registerAdminCommands } from '../../src/cli/admin.js';

/** Runs `mailroom admin …` in this process and returns what it printed. */
export const runAdminCli = async (...args: string[]): Promise<string> => {
  const out: string[] = [];
  const spy = vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => (out.push(String(chunk)), true));
  try {
    const program = new Command().exitOverride();
    registerAdminCommands(program);
    await program.parseAsync(['node', 'mailroom', ...args]);
  } finally {
    spy.mockRestore();
  }
  return out.join('');
};
