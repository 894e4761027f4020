import { sql, type Kysely } from 'kysely';

/**
 * The PostgreSQL schema a read-model database works in, asked once and remembered (a
 * failed lookup is asked again next time). The LISTEN relays put it in every payload, so
 * instances of other deployments sharing one database ignore each other's notifications.
 */
export const currentSchemaOf = <DB>(db: Kysely<DB>): (() => Promise<string>) => {
  let ns: Promise<string> | null = null;
  return () => {
    ns ??= sql<{ ns: string }>`select current_schema() as ns`.execute(db).then(
      (r) => r.rows[0]!.ns,
      (err: unknown) => {
        ns = null;
        throw err;
      },
    );
    return ns;
  };
};
