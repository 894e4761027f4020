import { createEgressPolicy, LOOPBACK_RANGES } from '../../src/net/egress.js';

/**
 * The egress policy of tests whose peers (Dovecot, SMTP sinks, OAuth and chat receivers)
 * listen on 127.0.0.1: loopback allowed, as MAILROOM_EGRESS_ALLOW=127.0.0.0/8,::1 does for a server.
 */
export const loopbackEgress = createEgressPolicy({ allow: LOOPBACK_RANGES });
