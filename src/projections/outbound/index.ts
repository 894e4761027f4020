import type { Projection } from '../projection.js';
import { dkimSettingsProjection } from './dkimSettings.projection.js';
import { smtpSettingsProjection } from './smtpSettings.projection.js';

export const outboundProjections: readonly Projection[] = [smtpSettingsProjection, dkimSettingsProjection];
export { dkimSettingsProjection, smtpSettingsProjection };
