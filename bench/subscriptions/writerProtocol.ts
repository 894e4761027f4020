/** What the bench and its writer process (writer.ts) exchange, and the clock they share. */

export interface WriteRequest {
  readonly id: number;
  /** `rename` a Mailroom mailbox (watched or not) or `publish` on the bare server. */
  readonly kind: 'rename' | 'publish';
  readonly url: string;
  readonly token?: string;
  readonly mailboxNumber?: number;
  readonly name?: string;
  readonly reason: string;
}

export interface WriteAnswer {
  readonly id: number;
  /** When the request was sent and when its whole answer had arrived, in `clock()` ms. */
  readonly sent: number;
  readonly answered: number;
  readonly error?: string;
}

/** Milliseconds on CLOCK_MONOTONIC, which every process on the machine shares (process.hrtime). */
export const clock = (): number => Number(process.hrtime.bigint()) / 1e6;
