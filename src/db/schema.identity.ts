/** Identity read-model tables (filled by the identity projections). */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface IdentityTables {}
