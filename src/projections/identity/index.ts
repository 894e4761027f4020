import type { Projection } from '../projection.js';
import { apiTokensProjection } from './apiTokens.projection.js';
import { mailboxesProjection } from './mailboxes.projection.js';
import { sessionEndingsProjection } from './sessionEndings.projection.js';
import { mailboxTwoFactorPoliciesProjection, userTwoFactorProjection } from './twoFactor.projection.js';
import { mailboxMembersProjection } from './mailboxMembers.projection.js';
import { userPermissionsProjection } from './userPermissions.projection.js';
import { usersProjection } from './users.projection.js';

export { apiTokensProjection, mailboxesProjection, mailboxMembersProjection, mailboxTwoFactorPoliciesProjection, userPermissionsProjection, userTwoFactorProjection, usersProjection };

/** Every identity read model; `auth_sessions` is deliberately absent (not event-sourced). */
export const identityProjections: readonly Projection[] = [
  mailboxesProjection,
  usersProjection,
  mailboxMembersProjection,
  userPermissionsProjection,
  apiTokensProjection,
  userTwoFactorProjection,
  mailboxTwoFactorPoliciesProjection,
  sessionEndingsProjection,
];
