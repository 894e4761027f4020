import { type MailroomError, validationError } from '../../domain/shared/errors.js';
import {
  AREAS,
  type AccessDoc,
  type ChatDestinationDoc,
  type ConfigurationDocument,
  DOCUMENT_VERSION,
  type DkimDoc,
  type DkimSignatureDoc,
  DocumentErrors,
  type DocumentFormat,
  type ExternalCallDoc,
  type InboundDoc,
  type IntegrationsDoc,
  KEPT,
  type LockPolicyDoc,
  type MessageChannelDoc,
  type OAuthCredentialDoc,
  parseDocumentText,
  type ReceiveAccountDoc,
  type SecretRef,
  type SmtpDoc,
  type SmtpServerDoc,
} from './document.js';

/**
 * Checks a parsed value against version 1 of the configuration document, field by field,
 * collecting every problem with its path (a reviewer fixes them all in one go).
 */

const show = (v: unknown): string => (v === undefined ? 'nothing' : JSON.stringify(v)?.slice(0, 80) ?? String(v));
const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** A checking cursor: reads a value at a path, records a problem and returns a placeholder when it does not fit. */
class Reader {
  readonly problems: MailroomError[] = [];

  fail(path: readonly string[], message: string): undefined {
    this.problems.push(validationError(['document', ...path], message));
    return undefined;
  }

  object(path: readonly string[], v: unknown, keys: readonly string[], optional: readonly string[] = []): Record<string, unknown> | undefined {
    if (!isObject(v)) return this.fail(path, `Expected an object, got ${show(v)}`);
    for (const k of Object.keys(v)) if (!keys.includes(k)) this.fail([...path, k], `Unknown field; expected one of ${keys.join(', ')}`);
    for (const k of keys) if (!(k in v) && !optional.includes(k)) this.fail([...path, k], 'Expected this field, got nothing');
    return v;
  }

  string(path: readonly string[], v: unknown): string {
    if (typeof v !== 'string') this.fail(path, `Expected a string, got ${show(v)}`);
    return v as string;
  }

  nullableString(path: readonly string[], v: unknown): string | null {
    return v === null ? null : this.string(path, v);
  }

  integer(path: readonly string[], v: unknown): number {
    if (typeof v !== 'number' || !Number.isSafeInteger(v)) this.fail(path, `Expected an integer, got ${show(v)}`);
    return v as number;
  }

  boolean(path: readonly string[], v: unknown): boolean {
    if (typeof v !== 'boolean') this.fail(path, `Expected true or false, got ${show(v)}`);
    return v as boolean;
  }

  strings(path: readonly string[], v: unknown): string[] {
    if (!Array.isArray(v)) return this.fail(path, `Expected a list of strings, got ${show(v)}`) ?? [];
    return v.map((x, i) => this.string([...path, String(i)], x));
  }

  /** `{ secret: kept }` or `{ value: "…" }`; the value itself never appears in a message. */
  secret(path: readonly string[], v: unknown): SecretRef {
    if (isObject(v) && Object.keys(v).length === 1 && v['secret'] === 'kept') return KEPT;
    if (isObject(v) && Object.keys(v).length === 1 && typeof v['value'] === 'string' && v['value'].length > 0) return { value: v['value'] };
    this.fail(path, 'Expected { secret: kept } (keep the stored secret) or { value: "<new secret>" } (value not shown)');
    return KEPT;
  }

  map<T>(path: readonly string[], v: unknown, item: (path: readonly string[], v: unknown) => T): Record<string, T> {
    if (!isObject(v)) return this.fail(path, `Expected an object keyed by id, got ${show(v)}`) ?? {};
    return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, item([...path, k], x)]));
  }
}

const readSmtp = (r: Reader, p: readonly string[], v: unknown): SmtpDoc => {
  const o = r.object(p, v, ['servers', 'rules', 'defaultServerId', 'bounceDestination', 'rakutenRelay']) ?? {};
  const servers = r.map([...p, 'servers'], o['servers'], (sp, sv): SmtpServerDoc => {
    const s = r.object(sp, sv, ['name', 'host', 'port', 'encryption', 'auth']) ?? {};
    const ap = [...sp, 'auth'];
    const a = (isObject(s['auth']) ? s['auth'] : r.object(ap, s['auth'], [])) ?? {};
    const auth: SmtpServerDoc['auth'] =
      a['method'] === 'NONE'
        ? (r.object(ap, a, ['method']), { method: 'NONE' })
        : a['method'] === 'OAUTH'
        ? (r.object(ap, a, ['method', 'user', 'oauthCredentialId']), { method: 'OAUTH', user: r.string([...ap, 'user'], a['user']), oauthCredentialId: r.string([...ap, 'oauthCredentialId'], a['oauthCredentialId']) })
        : a['method'] === 'PASSWORD'
          ? (r.object(ap, a, ['method', 'user', 'mechanism', 'password']),
            {
              method: 'PASSWORD',
              user: r.string([...ap, 'user'], a['user']),
              mechanism: a['mechanism'] === undefined ? 'AUTO' : r.string([...ap, 'mechanism'], a['mechanism']),
              password: r.secret([...ap, 'password'], a['password']),
            })
          : (r.fail([...ap, 'method'], `Expected PASSWORD, OAUTH or NONE, got ${show(a['method'])}`), { method: 'PASSWORD', user: '', mechanism: 'AUTO', password: KEPT });
    return { name: r.string([...sp, 'name'], s['name']), host: r.string([...sp, 'host'], s['host']), port: r.integer([...sp, 'port'], s['port']), encryption: r.string([...sp, 'encryption'], s['encryption']), auth };
  });
  const rulesValue = Array.isArray(o['rules']) ? o['rules'] : (r.fail([...p, 'rules'], `Expected a list of rules, got ${show(o['rules'])}`), []);
  const rules = rulesValue.map((rv, i) => {
    const rp = [...p, 'rules', String(i)];
    const x = r.object(rp, rv, ['ruleId', 'matchKind', 'matchValue', 'serverId']) ?? {};
    return { ruleId: r.string([...rp, 'ruleId'], x['ruleId']), matchKind: r.string([...rp, 'matchKind'], x['matchKind']), matchValue: r.string([...rp, 'matchValue'], x['matchValue']), serverId: r.string([...rp, 'serverId'], x['serverId']) };
  });
  const bp = [...p, 'bounceDestination'];
  const b = o['bounceDestination'];
  const bounceDestination: SmtpDoc['bounceDestination'] =
    b === null || b === undefined
      ? null
      : isObject(b) && b['kind'] === 'SENDER'
        ? (r.object(bp, b, ['kind']), { kind: 'SENDER' })
        : isObject(b) && b['kind'] === 'FIXED_ADDRESS'
          ? (r.object(bp, b, ['kind', 'address']), { kind: 'FIXED_ADDRESS', address: r.string([...bp, 'address'], b['address']) })
          : (r.fail([...bp, 'kind'], `Expected null, { kind: SENDER } or { kind: FIXED_ADDRESS, address }, got ${show(b)}`), null);
  const rp = [...p, 'rakutenRelay'];
  const rv = o['rakutenRelay'];
  let rakutenRelay: SmtpDoc['rakutenRelay'] = null;
  if (rv !== null && rv !== undefined) {
    const x = r.object(rp, rv, ['realAddress', 'contactAddress', 'host', 'port', 'encryption', 'user', 'password']) ?? {};
    rakutenRelay = {
      realAddress: r.string([...rp, 'realAddress'], x['realAddress']),
      contactAddress: r.nullableString([...rp, 'contactAddress'], x['contactAddress']),
      host: r.string([...rp, 'host'], x['host']),
      port: r.integer([...rp, 'port'], x['port']),
      encryption: r.string([...rp, 'encryption'], x['encryption']),
      user: r.string([...rp, 'user'], x['user']),
      password: r.secret([...rp, 'password'], x['password']),
    };
  }
  return { servers, rules, defaultServerId: r.string([...p, 'defaultServerId'], o['defaultServerId']), bounceDestination, rakutenRelay };
};

const readDkim = (r: Reader, p: readonly string[], v: unknown): DkimDoc => {
  const o = r.object(p, v, ['signatures', 'conditions', 'defaultSignatureId']) ?? {};
  const signatures = r.map([...p, 'signatures'], o['signatures'], (sp, sv): DkimSignatureDoc => {
    if (isObject(sv) && sv['keySource'] === 'SERVICE') {
      const x = r.object(sp, sv, ['name', 'kind', 'keySource', 'bodyLengthLimit']) ?? {};
      return {
        name: r.string([...sp, 'name'], x['name']),
        kind: r.string([...sp, 'kind'], x['kind']),
        keySource: 'SERVICE',
        bodyLengthLimit: x['bodyLengthLimit'] === null || x['bodyLengthLimit'] === undefined ? null : r.integer([...sp, 'bodyLengthLimit'], x['bodyLengthLimit']),
      };
    }
    const x = r.object(sp, sv, ['name', 'kind', 'domain', 'selector', 'algorithm', 'keySource', 'keyBits', 'publicKey', 'bodyLengthLimit', 'privateKey']) ?? {};
    return {
      name: r.string([...sp, 'name'], x['name']),
      kind: r.string([...sp, 'kind'], x['kind']),
      domain: r.string([...sp, 'domain'], x['domain']),
      selector: r.string([...sp, 'selector'], x['selector']),
      algorithm: r.string([...sp, 'algorithm'], x['algorithm']),
      keySource: r.string([...sp, 'keySource'], x['keySource']),
      keyBits: r.integer([...sp, 'keyBits'], x['keyBits']),
      publicKey: r.string([...sp, 'publicKey'], x['publicKey']),
      bodyLengthLimit: x['bodyLengthLimit'] === null ? null : r.integer([...sp, 'bodyLengthLimit'], x['bodyLengthLimit']),
      privateKey: r.secret([...sp, 'privateKey'], x['privateKey']),
    };
  });
  const conditions = r.map([...p, 'conditions'], o['conditions'], (cp, cv) => {
    const x = r.object(cp, cv, ['fromAddress', 'signatureId']) ?? {};
    return { fromAddress: r.string([...cp, 'fromAddress'], x['fromAddress']), signatureId: r.string([...cp, 'signatureId'], x['signatureId']) };
  });
  return { signatures, conditions, defaultSignatureId: r.nullableString([...p, 'defaultSignatureId'], o['defaultSignatureId']) };
};

const readOutbound = (r: Reader, p: readonly string[], v: unknown): { smtp: SmtpDoc; dkim: DkimDoc } => {
  const o = r.object(p, v, ['smtp', 'dkim']) ?? {};
  return { smtp: readSmtp(r, [...p, 'smtp'], o['smtp']), dkim: readDkim(r, [...p, 'dkim'], o['dkim']) };
};

const ACCOUNT_KEYS = ['displayName', 'protocol', 'host', 'port', 'encryption', 'auth', 'errorNotificationAddress', 'leaveOnServer', 'deleteDuplicates', 'enabled', 'fetchIntervalMinutes', 'idleEnabled'];

const CREDENTIAL_KEYS = ['provider', 'displayName', 'clientId', 'tenant', 'scopes', 'redirectUrl', 'enabled', 'clientSecret'];

/** Shapes only: the decider checks the provider, tenant, scopes and redirect URL and names the field. */
const readOAuthCredentials = (r: Reader, p: readonly string[], v: unknown): Record<string, OAuthCredentialDoc> =>
  r.map(p, v, (cp, cv): OAuthCredentialDoc => {
    const c = r.object(cp, cv, CREDENTIAL_KEYS, ['tenant']) ?? {};
    return {
      provider: r.string([...cp, 'provider'], c['provider']),
      displayName: r.string([...cp, 'displayName'], c['displayName']),
      clientId: r.string([...cp, 'clientId'], c['clientId']),
      tenant: c['tenant'] === undefined ? null : r.nullableString([...cp, 'tenant'], c['tenant']),
      scopes: r.strings([...cp, 'scopes'], c['scopes']),
      redirectUrl: r.string([...cp, 'redirectUrl'], c['redirectUrl']),
      enabled: r.boolean([...cp, 'enabled'], c['enabled']),
      clientSecret: r.secret([...cp, 'clientSecret'], c['clientSecret']),
    };
  });

const readInbound = (r: Reader, p: readonly string[], v: unknown): InboundDoc => {
  const o = r.object(p, v, ['autoFetch', 'oauthCredentials', 'receiveAccounts'], ['oauthCredentials']) ?? {};
  const oauthCredentials = o['oauthCredentials'] === undefined ? undefined : readOAuthCredentials(r, [...p, 'oauthCredentials'], o['oauthCredentials']);
  const af = r.object([...p, 'autoFetch'], o['autoFetch'], ['enabled', 'intervalMinutes']) ?? {};
  const receiveAccounts = r.map([...p, 'receiveAccounts'], o['receiveAccounts'], (ap, av): ReceiveAccountDoc => {
    const a = r.object(ap, av, ACCOUNT_KEYS) ?? {};
    const up = [...ap, 'auth'];
    const u = (isObject(a['auth']) ? a['auth'] : r.object(up, a['auth'], [])) ?? {};
    const auth: ReceiveAccountDoc['auth'] =
      u['method'] === 'OAUTH2'
        ? (r.object(up, u, ['method', 'username', 'credentialId']), { method: 'OAUTH2', username: r.string([...up, 'username'], u['username']), credentialId: r.string([...up, 'credentialId'], u['credentialId']) })
        : u['method'] === 'PASSWORD'
          ? (r.object(up, u, ['method', 'username', 'password']), { method: 'PASSWORD', username: r.string([...up, 'username'], u['username']), password: r.secret([...up, 'password'], u['password']) })
          : (r.fail([...up, 'method'], `Expected PASSWORD or OAUTH2, got ${show(u['method'])}`), { method: 'PASSWORD', username: '', password: KEPT });
    const interval = a['fetchIntervalMinutes'];
    return {
      displayName: r.string([...ap, 'displayName'], a['displayName']),
      protocol: r.string([...ap, 'protocol'], a['protocol']),
      host: r.string([...ap, 'host'], a['host']),
      port: r.integer([...ap, 'port'], a['port']),
      encryption: r.string([...ap, 'encryption'], a['encryption']),
      auth,
      errorNotificationAddress: r.nullableString([...ap, 'errorNotificationAddress'], a['errorNotificationAddress']),
      leaveOnServer: r.boolean([...ap, 'leaveOnServer'], a['leaveOnServer']),
      deleteDuplicates: r.boolean([...ap, 'deleteDuplicates'], a['deleteDuplicates']),
      enabled: r.boolean([...ap, 'enabled'], a['enabled']),
      fetchIntervalMinutes: interval === null ? null : r.integer([...ap, 'fetchIntervalMinutes'], interval),
      idleEnabled: r.boolean([...ap, 'idleEnabled'], a['idleEnabled']),
    };
  });
  return { autoFetch: { enabled: r.boolean([...p, 'autoFetch', 'enabled'], af['enabled']), intervalMinutes: r.integer([...p, 'autoFetch', 'intervalMinutes'], af['intervalMinutes']) }, ...(oauthCredentials ? { oauthCredentials } : {}), receiveAccounts };
};

const readAccess = (r: Reader, p: readonly string[], v: unknown): AccessDoc => {
  const o = r.object(p, v, ['ipRestriction', 'apiRestriction', 'lockPolicy']) ?? {};
  const ip = r.object([...p, 'ipRestriction'], o['ipRestriction'], ['enabled', 'allowedAddresses', 'exemptUserIds']) ?? {};
  const api = r.object([...p, 'apiRestriction'], o['apiRestriction'], ['enabled', 'allowedAddresses']) ?? {};
  const lp = [...p, 'lockPolicy'];
  let lockPolicy: LockPolicyDoc | null = null;
  if (o['lockPolicy'] !== null && o['lockPolicy'] !== undefined) {
    const l = r.object(lp, o['lockPolicy'], ['enabled', 'threshold', 'notifyOperationsAdministrators', 'notifyAddresses', 'mode', 'waitMinutes', 'maxTemporaryLocks']) ?? {};
    lockPolicy = {
      enabled: r.boolean([...lp, 'enabled'], l['enabled']),
      threshold: r.integer([...lp, 'threshold'], l['threshold']),
      notifyOperationsAdministrators: r.boolean([...lp, 'notifyOperationsAdministrators'], l['notifyOperationsAdministrators']),
      notifyAddresses: r.strings([...lp, 'notifyAddresses'], l['notifyAddresses']),
      mode: r.string([...lp, 'mode'], l['mode']),
      waitMinutes: r.integer([...lp, 'waitMinutes'], l['waitMinutes']),
      maxTemporaryLocks: r.integer([...lp, 'maxTemporaryLocks'], l['maxTemporaryLocks']),
    };
  }
  return {
    ipRestriction: {
      enabled: r.boolean([...p, 'ipRestriction', 'enabled'], ip['enabled']),
      allowedAddresses: r.strings([...p, 'ipRestriction', 'allowedAddresses'], ip['allowedAddresses']),
      exemptUserIds: r.strings([...p, 'ipRestriction', 'exemptUserIds'], ip['exemptUserIds']),
    },
    apiRestriction: { enabled: r.boolean([...p, 'apiRestriction', 'enabled'], api['enabled']), allowedAddresses: r.strings([...p, 'apiRestriction', 'allowedAddresses'], api['allowedAddresses']) },
    lockPolicy,
  };
};

const readIntegrations = (r: Reader, p: readonly string[], v: unknown): IntegrationsDoc => {
  const o = r.object(p, v, ['noticeLanguage', 'externalCalls', 'chatDestinations', 'messageChannels']) ?? {};
  const messageChannels = r.map([...p, 'messageChannels'], o['messageChannels'], (mp, mv): MessageChannelDoc => {
    const c = r.object(mp, mv, ['settings', 'secrets', 'enabled']) ?? {};
    return {
      settings: r.map([...mp, 'settings'], c['settings'], (sp, sv) => r.string(sp, sv)),
      secrets: r.map([...mp, 'secrets'], c['secrets'], (sp, sv) => r.secret(sp, sv)),
      enabled: r.boolean([...mp, 'enabled'], c['enabled']),
    };
  });
  const chatDestinations = r.map([...p, 'chatDestinations'], o['chatDestinations'], (dp, dv): ChatDestinationDoc => {
    const d = r.object(dp, dv, ['kind', 'name', 'roomId', 'eventKinds', 'enabled', 'credential']) ?? {};
    return {
      kind: r.string([...dp, 'kind'], d['kind']),
      name: r.string([...dp, 'name'], d['name']),
      roomId: r.nullableString([...dp, 'roomId'], d['roomId']),
      eventKinds: r.strings([...dp, 'eventKinds'], d['eventKinds']),
      enabled: r.boolean([...dp, 'enabled'], d['enabled']),
      credential: r.secret([...dp, 'credential'], d['credential']),
    };
  });
  const externalCalls = r.map([...p, 'externalCalls'], o['externalCalls'], (cp, cv): ExternalCallDoc => {
    const c = r.object(cp, cv, ['name', 'urlTemplate', 'method', 'encoding', 'openInNewWindow']) ?? {};
    return {
      name: r.string([...cp, 'name'], c['name']),
      urlTemplate: r.string([...cp, 'urlTemplate'], c['urlTemplate']),
      method: r.string([...cp, 'method'], c['method']),
      encoding: r.string([...cp, 'encoding'], c['encoding']),
      openInNewWindow: r.boolean([...cp, 'openInNewWindow'], c['openInNewWindow']),
    };
  });
  return { noticeLanguage: r.nullableString([...p, 'noticeLanguage'], o['noticeLanguage']), externalCalls, chatDestinations, messageChannels };
};

/** Checks a parsed value against version 1; throws DocumentErrors listing every problem. */
export const readDocument = (value: unknown): ConfigurationDocument => {
  const r = new Reader();
  const o = r.object([], value, ['version', 'mailbox', ...AREAS], [...AREAS]);
  if (!o) throw new DocumentErrors(r.problems);
  if (o['version'] !== DOCUMENT_VERSION) {
    throw new DocumentErrors([validationError(['document', 'version'], `Expected version: ${DOCUMENT_VERSION} (the only document version this server reads), got ${show(o['version'])}`)]);
  }
  const m = r.object(['mailbox'], o['mailbox'], ['number', 'name', 'address', 'position'], ['name', 'address', 'position']) ?? {};
  const doc: ConfigurationDocument = {
    version: DOCUMENT_VERSION,
    mailbox: {
      number: r.integer(['mailbox', 'number'], m['number']),
      name: m['name'] === undefined ? null : r.nullableString(['mailbox', 'name'], m['name']),
      address: m['address'] === undefined ? null : r.nullableString(['mailbox', 'address'], m['address']),
      position: m['position'] === undefined ? 0 : r.integer(['mailbox', 'position'], m['position']),
    },
    ...(o['outbound'] !== undefined ? { outbound: readOutbound(r, ['outbound'], o['outbound']) } : {}),
    ...(o['inbound'] !== undefined ? { inbound: readInbound(r, ['inbound'], o['inbound']) } : {}),
    ...(o['access'] !== undefined ? { access: readAccess(r, ['access'], o['access']) } : {}),
    ...(o['integrations'] !== undefined ? { integrations: readIntegrations(r, ['integrations'], o['integrations']) } : {}),
  };
  if (r.problems.length) throw new DocumentErrors(r.problems);
  return doc;
};

export const parseDocument = (text: string, format: DocumentFormat | null = null): ConfigurationDocument => readDocument(parseDocumentText(text, format));
