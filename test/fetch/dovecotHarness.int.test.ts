import { existsSync } from 'node:fs';
import { describe, expect, it, onTestFinished } from 'vitest';
import { dovecotAvailable, startDovecot } from '../support/dovecot.js';
import { isAlive } from '../support/processTree.js';

const dovecotOk = dovecotAvailable();

describe.runIf(dovecotOk)('Dovecot test harness', () => {
  it('runs instances side by side on their own ports, and stop() leaves no process and no files', async () => {
    const [a, b] = await Promise.all([
      startDovecot({ users: [{ name: 'alice', password: 'pw' }] }),
      startDovecot({ users: [{ name: 'bob', password: 'pw' }] }),
    ]);
    onTestFinished(() => Promise.all([a.stop(), b.stop()]).then(() => undefined));
    const ports = [...Object.values(a.ports), ...Object.values(b.ports)];
    expect(new Set(ports).size).toBe(8);
    // The master and its helpers (log, config, anvil, auth, login processes); the master
    // forks them right after start, which under load can be a moment after it listens.
    const deadline = Date.now() + 10_000;
    while ((a.processes().length < 2 || b.processes().length < 2) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    expect(a.processes().length).toBeGreaterThan(1);
    expect(b.processes().length).toBeGreaterThan(1);
    const pids = [...a.processes(), ...b.processes()];

    await Promise.all([a.stop(), b.stop()]);
    expect(pids.filter(isAlive)).toEqual([]);
    expect(existsSync(a.dir) || existsSync(b.dir)).toBe(false);
    expect(a.processes()).toEqual([]);
  });

  it('refuses upper-case user names, which Dovecot would lower-case at login', async () => {
    await expect(startDovecot({ users: [{ name: 'Alice', password: 'pw' }] })).rejects.toThrow(/lower case/);
  });
});
