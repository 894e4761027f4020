import { parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import { DocumentCache } from '../../src/server/documentCache.js';

describe('DocumentCache', () => {
  it('given a kept source, when it is asked for again, then the same parsed document is returned', () => {
    const cache = new DocumentCache();
    const source = 'subscription { settingsChanged(mailboxNumber: 1) { position } }';
    const document = parse(source);
    cache.set(source, document);
    expect(cache.get(source)).toBe(document);
    expect(cache.get(`${source} `)).toBeUndefined();
  });

  it('given more sources than it keeps, when one more is kept, then the least recently used one goes', () => {
    const cache = new DocumentCache({ maxEntries: 2 });
    const [a, b, c] = ['{ a }', '{ b }', '{ c }'];
    cache.set(a, parse(a));
    cache.set(b, parse(b));
    cache.get(a);
    cache.set(c, parse(c));
    expect(cache.size).toBe(2);
    expect(cache.get(b)).toBeUndefined();
    expect(cache.get(a)).toBeDefined();
    expect(cache.get(c)).toBeDefined();
  });

  it('given a source longer than the limit, when it is kept, then it is not', () => {
    const cache = new DocumentCache({ maxSourceLength: 10 });
    const source = '{ aVeryLongFieldName }';
    cache.set(source, parse(source));
    expect(cache.size).toBe(0);
  });
});
