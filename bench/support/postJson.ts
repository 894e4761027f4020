import { type Agent, request } from 'node:http';

/**
 * One JSON POST over `agent`'s keep-alive connections, resolving with the body as text: the
 * benches' clients use Node's own `http` rather than fetch, so a measured request costs the
 * client as little as it can.
 */
export const postJson = (agent: Agent, url: URL, body: string, token?: string | null): Promise<string> =>
  new Promise((resolve, reject) => {
    const req = request(
      {
        agent,
        host: url.hostname,
        port: url.port,
        path: url.pathname,
        method: 'POST',
        headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), ...(token ? { authorization: `Bearer ${token}` } : {}) },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(body);
  });
