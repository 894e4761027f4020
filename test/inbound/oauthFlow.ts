import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'vitest';
import type { OAuth2Server } from '../support/oauth2Server.js';

/** Helpers for tests that run the OAuth authorization-code flow against test/support/oauth2Server.ts. */

export const REDIRECT = 'http://127.0.0.1:9/oauth/callback';

export const oauthEnv = (oauth: OAuth2Server): Record<string, string> => ({
  MAILROOM_OAUTH_GOOGLE_AUTHORIZE_URL: oauth.authorizeUrl,
  MAILROOM_OAUTH_GOOGLE_TOKEN_URL: oauth.tokenUrl,
  MAILROOM_OAUTH_MICROSOFT_AUTHORIZE_URL: `${oauth.url}/{tenant}/authorize`,
  MAILROOM_OAUTH_MICROSOFT_TOKEN_URL: oauth.tokenUrlTemplate,
});

/** Follows the provider redirect the way a browser would and returns what reaches the redirect URL. */
export const approve = async (authorizationUrl: string): Promise<{ code: string; state: string }> => {
  const res = await fetch(authorizationUrl, { redirect: 'manual' });
  expect(res.status).toBe(302);
  const back = new URL(res.headers.get('location')!);
  return { code: back.searchParams.get('code')!, state: back.searchParams.get('state')! };
};


/**
 * Dovecot's oauth2 passdb (Dovecot 2.3), validating bearer tokens by RFC 7662
 * introspection against the local OAuth 2.0 server; passed to `startDovecot` as extra
 * config. Password logins keep working through the harness's passwd-file passdb; only
 * XOAUTH2 reaches this one (`mechanisms`). OAUTHBEARER is not offered, so clients must
 * use XOAUTH2, the mechanism Google and Microsoft document.
 */
export const dovecotOAuth2Passdb = (introspectionUrl: string): { authMechanisms: string[]; extraConfig: string; cleanup: () => void } => {
  const dir = mkdtempSync(join(tmpdir(), 'mailroom-dovecot-oauth2-'));
  chmodSync(dir, 0o755);
  const file = join(dir, 'dovecot-oauth2.conf.ext');
  writeFileSync(
    file,
    [
      'introspection_mode = post',
      `introspection_url = ${introspectionUrl}`,
      'username_attribute = username',
      'active_attribute = active',
      'active_value = true',
      'force_introspection = yes',
      '',
    ].join('\n'),
    { mode: 0o644 },
  );
  return {
    authMechanisms: ['plain', 'login', 'apop', 'xoauth2'],
    extraConfig: `passdb {\n  driver = oauth2\n  mechanisms = xoauth2\n  args = ${file}\n}\nauth_failure_delay = 0\n`,
    cleanup: () => rmSync(dir, { recursive: true, force: true }),
  };
};
