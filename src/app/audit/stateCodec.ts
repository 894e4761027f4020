/**
 * Decider states are plain data plus Map, Set and Date (e.g. mailbox members as a Map of
 * role Sets). Snapshots store them as JSON with those three tagged, so any area's state
 * round-trips without the area writing a serialiser.
 */
const TAG = '$audit';

type Tagged = { [TAG]: 'map'; entries: unknown[] } | { [TAG]: 'set'; values: unknown[] } | { [TAG]: 'date'; iso: string };

const encodeValue = (value: unknown): unknown => {
  if (value instanceof Map) return { [TAG]: 'map', entries: [...value].map(([k, v]) => [encodeValue(k), encodeValue(v)]) };
  if (value instanceof Set) return { [TAG]: 'set', values: [...value].map(encodeValue) };
  if (value instanceof Date) return { [TAG]: 'date', iso: value.toISOString() };
  if (Array.isArray(value)) return value.map(encodeValue);
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) if (v !== undefined) out[k] = encodeValue(v);
    return out;
  }
  return value;
};

const decodeValue = (value: unknown): unknown => {
  if (Array.isArray(value)) return value.map(decodeValue);
  if (value === null || typeof value !== 'object') return value;
  const tagged = value as Tagged;
  switch (tagged[TAG]) {
    case 'map':
      return new Map((tagged.entries as [unknown, unknown][]).map(([k, v]) => [decodeValue(k), decodeValue(v)]));
    case 'set':
      return new Set(tagged.values.map(decodeValue));
    case 'date':
      return new Date(tagged.iso);
    default: {
      const out: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(value)) out[k] = decodeValue(v);
      return out;
    }
  }
};

export const encodeState = (state: unknown): string => JSON.stringify(encodeValue(state));

export const decodeState = <State>(text: string): State => decodeValue(JSON.parse(text)) as State;
