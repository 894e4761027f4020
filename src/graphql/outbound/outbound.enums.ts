import { registerEnumType } from 'type-graphql';
import { DkimAlgorithm, DkimKeySource, DkimSignatureKind } from '../../domain/outbound/dkimSettings.events.js';
import { MailKind } from '../../domain/outbound/outboundRoute.js';
import { OutboundWarningCode } from '../../domain/outbound/outboundWarnings.js';
import { FromMatchKind, SmtpAuthMethod, SmtpEncryption, SmtpPasswordMechanism } from '../../domain/outbound/smtpSettings.events.js';
import { SmtpErrorCode } from '../../mail/smtp/smtpErrors.js';

/** GraphQL enums of the outbound area, registered once; values are the domain's own. */
const values = <T extends string>(...names: T[]) => Object.fromEntries(names.map((n) => [n, n])) as { [K in T]: K };

export const SmtpServerKind = values('BUILT_IN', 'EXTERNAL', 'RAKUTEN_RELAY');
export const BounceDestinationKind = values('FIXED_ADDRESS', 'SENDER');
export const OutboundSettingsArea = values('SMTP', 'DKIM');
export const RouteOutcome = values('SEND', 'REFUSED');
export const ServerRouteStep = values('RAKUTEN_RELAY', 'PINNED_SERVER', 'DEFAULT_SERVER_KIND', 'FROM_RULE', 'DEFAULT_SERVER');
export const DkimRouteStep = values('MASKED_RECIPIENT', 'RAKUTEN_RELAY', 'FROM_CONDITION', 'DEFAULT_SIGNATURE', 'NO_SIGNATURE');
export const RouteRefusalCode = values('DIRECT_MAIL_TO_MASKED_ADDRESS', 'MASKED_ADDRESS_WITHOUT_RAKUTEN_RELAY', 'NO_RECIPIENTS', 'UNKNOWN_SERVER', 'RAKUTEN_RELAY_NOT_CONFIGURED');
export const RouteWarningCode = values('MASKED_RECIPIENT_OUTSIDE_RELAY', 'TEST_NOT_THROUGH_RAKUTEN_RELAY', 'TEST_SERVER_BYPASSED', 'DKIM_DOMAIN_DIFFERS_FROM_FROM');
export const TestMailStatus = values('SENT', 'REFUSED', 'FAILED');
export const DkimPublicationStatus = values('PUBLISHED', 'MISSING', 'DIFFERENT_KEY', 'LOOKUP_FAILED');

registerEnumType(SmtpEncryption, { name: 'SmtpEncryption', description: 'SMTPS: TLS from the first byte (465). STARTTLS: upgrade required after connecting (587).' });
registerEnumType(SmtpAuthMethod, {
  name: 'SmtpAuthMethod',
  description: 'PASSWORD: user + password (mechanism: SmtpPasswordMechanism). OAUTH: XOAUTH2 with a registered OAuth credential. NONE: no AUTH, for relays that trust the connecting address.',
});
registerEnumType(SmtpPasswordMechanism, {
  name: 'SmtpPasswordMechanism',
  description: 'How a password is sent: AUTO (the first the server offers), PLAIN (RFC 4616), LOGIN, CRAM_MD5 (RFC 2195: the password never crosses the wire).',
});
registerEnumType(SmtpServerKind, { name: 'SmtpServerKind' });
registerEnumType(FromMatchKind, { name: 'FromMatchKind', description: 'ADDRESS: the exact From address. DOMAIN: every From of exactly that domain.' });
registerEnumType(BounceDestinationKind, { name: 'BounceDestinationKind', description: 'FIXED_ADDRESS: one address for all bounces. SENDER: the From of each sent mail.' });
registerEnumType(DkimSignatureKind, {
  name: 'DkimSignatureKind',
  description: "AUTHOR (作成者署名): d= is the From domain, with a key made or imported here and published by the customer. THIRD_PARTY (第三者署名): d= is the service's own domain, signed with the deployment's key; the customer makes and publishes nothing.",
});
registerEnumType(DkimAlgorithm, { name: 'DkimAlgorithm' });
registerEnumType(DkimKeySource, { name: 'DkimKeySource', description: "GENERATED or IMPORTED: the signature's own key. SERVICE: the deployment's third-party key." });
registerEnumType(MailKind, { name: 'MailKind', description: 'What kind of mail is sent; some kinds always use the default server.' });
registerEnumType(OutboundWarningCode, { name: 'OutboundWarningCode' });
registerEnumType(OutboundSettingsArea, { name: 'OutboundSettingsArea' });
registerEnumType(RouteOutcome, { name: 'RouteOutcome' });
registerEnumType(ServerRouteStep, { name: 'ServerRouteStep', description: 'Which rule chose the server.' });
registerEnumType(DkimRouteStep, { name: 'DkimRouteStep', description: 'Which rule chose the DKIM key (or no signature).' });
registerEnumType(RouteRefusalCode, { name: 'RouteRefusalCode' });
registerEnumType(RouteWarningCode, { name: 'RouteWarningCode' });
registerEnumType(TestMailStatus, { name: 'TestMailStatus' });
registerEnumType(SmtpErrorCode, { name: 'SmtpErrorCode', description: 'Why sending failed, classified once (nodemailer style).' });
registerEnumType(DkimPublicationStatus, { name: 'DkimPublicationStatus' });

export { DkimAlgorithm, DkimKeySource, DkimSignatureKind, FromMatchKind, MailKind, OutboundWarningCode, SmtpAuthMethod, SmtpEncryption, SmtpErrorCode, SmtpPasswordMechanism };
