import { setImmediate as nextTurn } from 'node:timers/promises';
import type { RecordedEvent } from '../eventstore/port.js';

/**
 * Decouples reading from applying: the subscription is drained into memory while a batch
 * is being applied, and the next batch takes whatever has accumulated. A batch never
 * waits to fill up, so a single new event is applied as soon as it arrives. Bounded, so
 * a long catch-up does not pull the whole store into memory.
 */
export class EventBuffer {
  private readonly events: RecordedEvent[] = [];
  private ended = false;
  private failure: { error: unknown } | null = null;
  private wakeReader: (() => void) | null = null;
  private wakeWriter: (() => void) | null = null;

  constructor(private readonly highWaterMark: number) {}

  async fill(source: AsyncIterable<RecordedEvent>): Promise<void> {
    try {
      for await (const event of source) {
        if (this.ended) break;
        this.events.push(event);
        this.signalReader();
        while (this.events.length >= this.highWaterMark && !this.ended) {
          await new Promise<void>((resolve) => (this.wakeWriter = resolve));
        }
      }
    } catch (error) {
      this.failure = { error };
    } finally {
      this.ended = true;
      this.signalReader();
    }
  }

  /** Up to `max` events, waiting only for the first; empty when the source ended. Rethrows read errors. */
  async take(max: number): Promise<RecordedEvent[]> {
    while (this.events.length === 0) {
      if (this.failure) throw this.failure.error;
      if (this.ended) return [];
      await new Promise<void>((resolve) => (this.wakeReader = resolve));
    }
    // One event-loop turn lets the rest of the subscription's last read (already in
    // memory, delivered through microtasks) join this batch.
    await nextTurn();
    const batch = this.events.splice(0, max);
    this.signalWriter();
    return batch;
  }

  end(): void {
    this.ended = true;
    this.signalReader();
    this.signalWriter();
  }

  private signalReader(): void {
    const wake = this.wakeReader;
    this.wakeReader = null;
    wake?.();
  }

  private signalWriter(): void {
    const wake = this.wakeWriter;
    this.wakeWriter = null;
    wake?.();
  }
}
