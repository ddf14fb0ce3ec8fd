/**
 * An HTTP server authenticating clients with Negotiate (RFC 4559: SPNEGO over
 * HTTP, i.e. Kerberos or NTLM), built on @gssapi/high.
 *
 * Run it inside a realm (for example `npx k5test` prints the environment):
 *   node --import tsx examples/http-negotiate.ts 8080
 *   curl --negotiate -u : http://localhost:8080/
 *
 * Contexts are kept per TCP connection: NTLM takes two round trips on one
 * keep-alive connection.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { pathToFileURL } from 'node:url';
import { GSSError, SecurityContext } from '@gssapi/high';

/** What the handler learns about an authenticated request. */
export interface Authenticated {
  /** The client's name, e.g. `user@KRBTEST.COM`. */
  readonly user: string;
  /** The mechanism negotiated (dotted OID). */
  readonly mech: string;
  /** Whether the client delegated credentials (curl --delegation always). */
  readonly delegated: boolean;
}

/**
 * An HTTP server that answers 401 + `WWW-Authenticate: Negotiate` until the
 * client authenticates, then calls `handle`.
 */
export function negotiateServer(handle: (who: Authenticated, res: ServerResponse) => void): Server {
  const contexts = new WeakMap<Socket, SecurityContext>();
  return createServer(async (req: IncomingMessage, res: ServerResponse) => {
    const header = req.headers.authorization ?? '';
    const match = /^Negotiate\s+(\S+)$/i.exec(header);
    if (!match) {
      res.writeHead(401, { 'WWW-Authenticate': 'Negotiate' }).end();
      return;
    }
    let ctx = contexts.get(req.socket);
    if (!ctx || ctx.complete) {
      ctx = new SecurityContext({ usage: 'accept' });
      contexts.set(req.socket, ctx);
    }
    try {
      const reply = await ctx.step(Buffer.from(match[1] as string, 'base64'));
      const challenge = reply ? `Negotiate ${reply.toString('base64')}` : 'Negotiate';
      if (!ctx.complete) {
        res.writeHead(401, { 'WWW-Authenticate': challenge }).end();
        return;
      }
      res.setHeader('WWW-Authenticate', challenge);
      handle({ user: `${ctx.initiatorName}`, mech: `${ctx.mech}`, delegated: ctx.delegatedCreds !== undefined }, res);
    } catch (error) {
      contexts.delete(req.socket);
      const reason = error instanceof GSSError ? error.message : String(error);
      res.writeHead(403, { 'Content-Type': 'text/plain' }).end(`authentication failed: ${reason}\n`);
    }
  });
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const port = Number(process.argv[2] ?? '8080');
  negotiateServer((who, res) => {
    res.writeHead(200, { 'Content-Type': 'text/plain' }).end(`hello ${who.user} (${who.mech})\n`);
  }).listen(port, '127.0.0.1', () => console.log(`listening on http://localhost:${port}/`));
}
