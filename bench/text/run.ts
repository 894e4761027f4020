/**
 * Cost of the text rule (src/domain/shared/text.ts) per field, against what it replaced in
 * the same run: `requireTrimmedText` before issue 20 (typeof, trim, UTF-16 length). It runs
 * once per text field of a mutation, so it must stay far below a store append (~0.1 ms).
 *
 *   npm run bench:text
 *   BENCH_VALUES=200000 npm run bench:text
 */
import { cpus, loadavg } from 'node:os';
import { requireText } from '../../src/domain/shared/text.js';

const VALUES = Number(process.env.BENCH_VALUES ?? 100_000);
const ROUNDS = 5;

/** What people type: ASCII names, Japanese, an emoji now and then, padded with spaces. */
const samples = ['Support', '  Sales team 2027 ', 'サポート窓口（東京）', 'Café Zürich', 'Ops 🚀 on call', 'x'.repeat(100), '受注センター 第2営業部'];
const values = Array.from({ length: VALUES }, (_, i) => `${samples[i % samples.length]!}${i % 13 === 0 ? ' ' : ''}`);

const before = (path: readonly string[], value: unknown, min: number, max: number): string => {
  if (typeof value !== 'string') throw new Error(`${path.join('.')}: not a string`);
  const trimmed = value.trim();
  if (trimmed.length < min || trimmed.length > max) throw new Error(`${path.join('.')}: length`);
  return trimmed;
};

const time = (run: () => number): { ms: number; sink: number } => {
  const start = process.hrtime.bigint();
  const sink = run();
  return { ms: Number(process.hrtime.bigint() - start) / 1e6, sink };
};

const baseline = () => values.reduce((n, v) => n + before(['name'], v, 1, 100).length, 0);
const rule = () => values.reduce((n, v) => n + requireText(['name'], v, 'name').length, 0);

let best = { baseline: Infinity, rule: Infinity };
for (let round = 0; round < ROUNDS; round++) {
  // Alternate the order so neither side always runs on a warmer JIT or a quieter machine.
  let a: { ms: number; sink: number };
  let b: { ms: number; sink: number };
  if (round % 2 === 0) {
    a = time(baseline);
    b = time(rule);
  } else {
    b = time(rule);
    a = time(baseline);
  }
  if (a.sink !== b.sink) throw new Error(`the two checks disagree on the stored lengths (${a.sink} vs ${b.sink})`);
  best = { baseline: Math.min(best.baseline, a.ms), rule: Math.min(best.rule, b.ms) };
}

const perValue = (ms: number) => ((ms * 1e6) / VALUES).toFixed(0);
process.stdout.write(
  `text rule: ${VALUES} values, best of ${ROUNDS}; ${cpus().length} cores, load ${loadavg().map((l) => l.toFixed(2)).join(' ')}\n` +
    `  before (trim + length): ${best.baseline.toFixed(1)} ms (${perValue(best.baseline)} ns/value)\n` +
    `  text rule (NFC, controls, bidi, code points): ${best.rule.toFixed(1)} ms (${perValue(best.rule)} ns/value), ${(best.rule / best.baseline).toFixed(1)}x the old check\n`,
);
