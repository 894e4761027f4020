import { Command } from 'commander';
import { loadServiceDkimKey, serviceDkimDnsRecord } from '../mail/dkim/serviceDkimKey.js';
import type { Config } from '../server/config.js';

/**
 * `mailroom dkim third-party`: the TXT record of the deployment's third-party DKIM key, for
 * whoever runs the service to publish at MAILROOM_DKIM_THIRD_PARTY_DOMAIN. Reads the same
 * key the server signs with (the configured file, or the one generated in the data dir,
 * which it generates the first time, exactly as the server would).
 */
export const dkimCommand = (config: () => Config): Command => {
  const dkim = new Command('dkim').description('DKIM keys of this deployment');
  dkim
    .command('third-party')
    .description("Print the DNS TXT record of the service's third-party DKIM key (MAILROOM_DKIM_THIRD_PARTY_DOMAIN)")
    .option('--json', 'print name, value and the 255-character strings as JSON')
    .action(async (options: { json?: boolean }) => {
      const c = config();
      const key = await loadServiceDkimKey(c.thirdPartyDkim, c.dataDir);
      if (!key) {
        throw new Error('No third-party DKIM domain is configured: set MAILROOM_DKIM_THIRD_PARTY_DOMAIN (and optionally _SELECTOR, _KEY_FILE)');
      }
      const record = serviceDkimDnsRecord(key);
      if (options.json) {
        process.stdout.write(`${JSON.stringify({ name: record.name, value: record.value, txtStrings: record.txtStrings, algorithm: key.algorithm, keyBits: key.keyBits, keyFile: key.path })}\n`);
        return;
      }
      process.stdout.write(`${record.name}. IN TXT ${record.txtStrings.map((s) => JSON.stringify(s)).join(' ')}\n`);
      process.stdout.write(`# d=${key.domain} s=${key.selector} ${key.algorithm} ${key.keyBits} bits, key ${key.path}${key.generated ? ' (generated now)' : ''}\n`);
    });
  return dkim;
};
