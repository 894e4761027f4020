/**
 * Process-tree helpers for test peers that fork (Dovecot): find every process below a
 * master, and wait for them to be gone, killing stragglers.
 */
import { readdirSync, readFileSync } from 'node:fs';

/** Every process below `pid`, from /proc (Linux): Dovecot's login, auth and mail processes. */
export const descendants = (pid: number): number[] => {
  const children = new Map<number, number[]>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      // `pid (comm) state ppid …`; comm may contain spaces, so split after the last ')'.
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      children.set(ppid, [...(children.get(ppid) ?? []), Number(entry)]);
    } catch {
      // The process ended while we looked.
    }
  }
  const found: number[] = [];
  const walk = (p: number) => {
    for (const c of children.get(p) ?? []) {
      found.push(c);
      walk(c);
    }
  };
  walk(pid);
  return found;
};

export const killQuietly = (pid: number): void => {
  try {
    process.kill(pid, 'SIGKILL');
  } catch {
    // Already gone.
  }
};

/** A zombie (exited, not yet reaped by whoever inherited it) counts as gone. */
export const isAlive = (pid: number): boolean => {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2)[0] !== 'Z';
  } catch {
    return false;
  }
};

/**
 * The master's SIGTERM stops its children asynchronously, and a child still writing in
 * the temp dir would race the rm; stragglers past the deadline are killed.
 */
export const waitForExit = async (pids: readonly number[]): Promise<void> => {
  const deadline = Date.now() + 5000;
  while (pids.some(isAlive)) {
    if (Date.now() > deadline) {
      for (const pid of pids.filter(isAlive)) killQuietly(pid);
      return;
    }
    await new Promise((r) => setTimeout(r, 25));
  }
};
