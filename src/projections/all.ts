import { accessProjections } from './access/index.js';
import { auditProjections } from './audit/index.js';
import { identityProjections } from './identity/index.js';
import { inboundProjections } from './inbound/index.js';
import { integrationsProjections } from './integrations/index.js';
import { settingChangeNoticesProjection, type SettingChangeNoticeDeps } from './integrations/settingChangeNotices.projection.js';
import { outboundProjections } from './outbound/index.js';
import type { Projection } from './projection.js';

/** Every projection the server runs; rebuild and status iterate this list. */
export const allProjections: readonly Projection[] = [...identityProjections, ...inboundProjections, ...outboundProjections, ...integrationsProjections, ...accessProjections, ...auditProjections];

export type ReactorDeps = SettingChangeNoticeDeps;

/**
 * What the server runs: the read models, then the reactors, projections that record
 * notices rather than build a read model. They need services (the notice language), so
 * they are made here rather than listed above; listed last, a rebuild of everything
 * replays each event into the read models (chat destinations) before the reactors read them.
 */
export const serverProjections = (deps: ReactorDeps): readonly Projection[] => [...allProjections, settingChangeNoticesProjection(deps)];
