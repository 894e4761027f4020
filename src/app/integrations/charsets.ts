import iconv from 'iconv-lite';
import type { ExternalCallEncoding } from '../../domain/integrations/externalCalls.decider.js';

/**
 * Bytes of a string in an external call's encoding. Node's TextEncoder only writes UTF-8,
 * hence iconv-lite for Shift_JIS; its `shift_jis` table is Windows-31J (CP932), which is
 * what Japanese systems that say "Shift_JIS" actually read (NEC/IBM extensions such as ①
 * and the wave dash as U+FF5E). A character with no Shift_JIS code becomes "?".
 */
export const encoderFor = (encoding: ExternalCallEncoding): ((s: string) => Uint8Array) => {
  switch (encoding) {
    case 'UTF_8':
      return (s) => new TextEncoder().encode(s);
    case 'SHIFT_JIS':
      return (s) => iconv.encode(s, 'shift_jis');
  }
};

/** The charset label of a form body (WHATWG Encoding names). */
export const charsetLabel = (encoding: ExternalCallEncoding): string => (encoding === 'SHIFT_JIS' ? 'Shift_JIS' : 'UTF-8');
