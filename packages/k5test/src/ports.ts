/**
 * Free-port selection on 127.0.0.1, and detection of a KDC port shared with another process.
 *
 * @packageDocumentation
 */
import dgram from 'node:dgram';
import { readFileSync } from 'node:fs';
import net from 'node:net';

const HOST = '127.0.0.1';

/** Binds TCP on 127.0.0.1 port 0 and returns the port the kernel chose, after closing the server. */
function ephemeralTcpPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen({ host: HOST, port: 0, exclusive: true }, () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** Resolves true when a UDP socket can bind 127.0.0.1:`port` (and then closes it). */
function udpPortFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = dgram.createSocket({ type: 'udp4', reuseAddr: false });
    socket.once('error', () => {
      socket.close();
      resolve(false);
    });
    socket.bind({ address: HOST, port, exclusive: true }, () => socket.close(() => resolve(true)));
  });
}

/**
 * Finds a port that is free for both TCP and UDP on 127.0.0.1 at the time of the call.
 *
 * The kernel picks the TCP port (bind to port 0); the same number is then checked on UDP, because a KDC
 * listens on both. Another process may still take the port before it is used: callers must cope with that.
 *
 * @param avoid ports not to return (e.g. one already chosen for another role)
 * @param attempts how many kernel-chosen ports to try before giving up
 * @returns a port number in the kernel's ephemeral range
 * @example
 * ```ts
 * const kdc = await freePort();
 * const kadmind = await freePort(new Set([kdc]));
 * ```
 */
export async function freePort(avoid: ReadonlySet<number> = new Set(), attempts = 10): Promise<number> {
  for (let i = 0; i < attempts; i++) {
    const port = await ephemeralTcpPort();
    if (port > 0 && !avoid.has(port) && (await udpPortFree(port))) return port;
  }
  throw new Error(`k5test: no port free for both TCP and UDP on ${HOST} after ${attempts} attempts`);
}

/**
 * Counts the sockets bound to a local port: TCP listeners plus UDP sockets, IPv4 and IPv6 (Linux only,
 * from /proc/net). Returns `undefined` where /proc/net is not readable.
 *
 * MIT krb5kdc binds with SO_REUSEPORT, so a second KDC started on a port already in use does not fail:
 * both share it and answer requests at random. One KDC on 127.0.0.1 owns exactly 2 sockets (UDP + TCP);
 * more means another process shares the port.
 *
 * @example
 * ```ts
 * if ((boundSocketCount(port) ?? 2) > 2) console.log('port is shared');
 * ```
 */
export function boundSocketCount(port: number): number | undefined {
  const hexPort = port.toString(16).toUpperCase().padStart(4, '0');
  let count = 0;
  try {
    for (const table of ['tcp', 'tcp6', 'udp', 'udp6']) {
      let text: string;
      try {
        text = readFileSync(`/proc/net/${table}`, 'utf8');
      } catch (error) {
        if (table.endsWith('6')) continue; // IPv6 may be disabled
        throw error;
      }
      for (const line of text.split('\n').slice(1)) {
        // Columns: sl local_address rem_address st ...; local_address is HEXADDR:HEXPORT.
        const [, local, , state] = line.trim().split(/\s+/);
        if (!local?.endsWith(`:${hexPort}`)) continue;
        if (table.startsWith('tcp') && state !== '0A') continue; // only TCP LISTEN sockets
        count++;
      }
    }
  } catch {
    return undefined;
  }
  return count;
}
