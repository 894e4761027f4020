export { fetchAccount } from './fetchAccount.js';
export { FetchError, FetchErrorCode, isFetchError, reauthorizationRequired } from './fetchError.js';
export { createSqlFetchStateStore, SeenDisposition, type FetchStateStore } from './fetchStateStore.js';
export * from './fetchTypes.js';
