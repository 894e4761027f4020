/** `npm run peers`: local IMAP/POP3 and SMTP servers to connect a first mailbox to (see README). */
import { startLocalPeers } from './localPeers.js';
import { checkDovecot } from './dovecot.js';

const dir = process.env.MAILROOM_PEERS_DIR ?? '.peers';
const check = checkDovecot();
if (!check.available) {
  console.error(`npm run peers needs Dovecot: ${check.reason}`);
  process.exit(1);
}
const peers = await startLocalPeers(dir);
const e = peers.env;
console.log(`IMAP  127.0.0.1:${e.IMAP_PORT} (STARTTLS)   POP3 127.0.0.1:${e.POP3_PORT} (STLS)   user ${e.PEER_USER} / ${e.PEER_PASSWORD}`);
console.log(`SMTP  127.0.0.1:${e.SMTP_PORT} (STARTTLS, AUTH PLAIN/LOGIN) user ${e.PEER_USER} / ${e.PEER_PASSWORD}`);
console.log(`CA    ${e.MAILROOM_MAIL_CA_FILE}`);
console.log(`wrote ${dir}/env: "source ${dir}/env" in the server's terminal. Mail sent through the SMTP server is printed here. Ctrl-C stops.`);
let printed = 0;
const timer = setInterval(() => {
  for (const m of peers.smtp.messages.slice(printed)) {
    const head = m.raw.toString('utf8').split(/\r?\n\r?\n/)[0] ?? '';
    const pick = (name: string) => new RegExp(`^${name}: .*$`, 'mi').exec(head)?.[0] ?? `${name}: –`;
    console.log(`\nreceived from ${m.mailFrom} to ${m.rcptTo.join(', ')} (${m.raw.length} bytes)\n  ${pick('Subject')}\n  ${/^DKIM-Signature:/mi.test(head) ? 'DKIM-Signature: present' : 'DKIM-Signature: none'}`);
  }
  printed = peers.smtp.messages.length;
}, 500);
const stop = async () => {
  clearInterval(timer);
  await peers.stop();
  process.exit(0);
};
process.on('SIGINT', () => void stop());
process.on('SIGTERM', () => void stop());
