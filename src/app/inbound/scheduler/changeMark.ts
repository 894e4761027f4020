import type { Kysely } from 'kysely';
import type { ReadModelDb } from '../../../db/schema.js';
import { receiveAccountsProjection } from '../../../projections/inbound/receiveAccounts.projection.js';
import type { IdlePool } from './idlePool.js';

/**
 * What the fetch scheduler's timer compares between ticks instead of reading every
 * account (see FetchScheduler.timerTick). Two small reads: the checkpoint of the
 * projection that writes receive_accounts and receive_auto_fetch (it moves with every
 * change to them, made on any instance, and with a rebuild), and the count and latest
 * expiry of the other instances' leases (one taken, renewed or given up); plus how many
 * of this instance's IDLE sessions have ended.
 */
export const changeMark = async (db: Kysely<ReadModelDb>, instanceId: string, idle: Pick<IdlePool, 'endedSessions'> | undefined): Promise<string> => {
  const [checkpoint, elsewhere] = await Promise.all([
    db.selectFrom('projection_checkpoints').select('position').where('name', '=', receiveAccountsProjection.name).executeTakeFirst(),
    db
      .selectFrom('fetch_leases')
      .select((eb) => [eb.fn.countAll<number>().as('held'), eb.fn.max('expires_at').as('latest')])
      .where('holder', '<>', instanceId)
      .executeTakeFirst(),
  ]);
  return `${checkpoint?.position ?? ''}|${elsewhere?.held ?? 0}|${elsewhere?.latest ?? ''}|${idle?.endedSessions ?? 0}`;
};
