import { formatIpAddress, parseClientAddress, type IpAddress } from '../../domain/access/ipAddress.js';
import { AddressList } from './addressList.js';

/** Raw inputs of the client address: the TCP peer and any `X-Forwarded-For` headers. */
export type ClientAddressResolver = (socketAddress: string | undefined, forwardedFor: string | readonly string[] | undefined) => string;

/** `1.2.3.4`, `1.2.3.4:5678`, `[2001:db8::1]:443`, `[::1]`, `2001:db8::1`; anything else (`unknown`, junk) is null. */
const parseHop = (hop: string): IpAddress | null => {
  const bracketed = /^\[([^\]]+)\](?::\d{1,5})?$/.exec(hop);
  if (bracketed) return parseClientAddress(bracketed[1]!);
  const v4WithPort = /^(\d{1,3}(?:\.\d{1,3}){3}):\d{1,5}$/.exec(hop);
  return parseClientAddress(v4WithPort ? v4WithPort[1]! : hop);
};

/**
 * The client address of a request: the socket peer, unless that peer is a trusted proxy,
 * in which case `X-Forwarded-For` is walked from the right (the entry the nearest proxy
 * appended) past every trusted proxy; the first untrusted hop is the client. Entries left
 * of it were written by parties we do not trust and are never read, so a client cannot
 * choose its own address by sending the header. A malformed hop inside the trusted chain
 * yields "" (unknown), which every enabled restriction denies.
 *
 * With no trusted proxies configured the header is ignored entirely.
 */
export const createClientAddressResolver = (trustedProxies: readonly string[]): ClientAddressResolver => {
  const trusted = new AddressList(trustedProxies);
  return (socketAddress, forwardedFor) => {
    const peer = parseClientAddress(socketAddress);
    if (!peer) return '';
    if (trustedProxies.length === 0 || trusted.match(peer) === null || forwardedFor === undefined) return formatIpAddress(peer);
    const hops = (typeof forwardedFor === 'string' ? [forwardedFor] : forwardedFor)
      .join(',')
      .split(',')
      .map((h) => h.trim())
      .filter((h) => h.length > 0);
    let client = peer;
    for (let i = hops.length - 1; i >= 0; i--) {
      const hop = parseHop(hops[i]!);
      if (!hop) return '';
      client = hop;
      if (trusted.match(hop) === null) break;
    }
    return formatIpAddress(client);
  };
};

/** The resolver applied to an incoming HTTP request (or WebSocket upgrade). */
export const requestClientAddress = (trustedProxies: readonly string[]) => {
  const resolve = createClientAddressResolver(trustedProxies);
  return (request: { readonly socket: { readonly remoteAddress?: string | undefined }; readonly headers: { readonly [name: string]: string | string[] | undefined } }): string =>
    resolve(request.socket.remoteAddress, request.headers['x-forwarded-for']);
};
