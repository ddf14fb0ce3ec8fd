/**
 * Text of the files a realm directory holds: krb5.conf, kdc.conf, and the GSS mech file for NTLM.
 *
 * @packageDocumentation
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

/** Everything the two profiles depend on. Paths are absolute; ports are on 127.0.0.1. */
export interface ProfileParams {
  realm: string;
  dir: string;
  kdcPort: number;
  kadmindPort: number;
  /** Max ticket life for the realm (kdc.conf `max_life`). */
  maxLife: string;
  /** Default requested ticket life (krb5.conf `ticket_lifetime`). */
  ticketLifetime: string;
}

/**
 * The client profile (KRB5_CONFIG). DNS and reverse DNS are off and names are used verbatim, so
 * `host/localhost` and `HTTP/localhost` work without any resolver; TCP is always preferred
 * (udp_preference_limit = 1) so large tickets never hit UDP limits.
 *
 * @example
 * ```ts
 * writeFileSync(krb5ConfPath, krb5Conf({ realm: 'KRBTEST.COM', dir, kdcPort, kadmindPort, maxLife: '1d', ticketLifetime: '1d' }));
 * ```
 */
export function krb5Conf(p: ProfileParams): string {
  return `[libdefaults]
    default_realm = ${p.realm}
    dns_lookup_kdc = false
    dns_lookup_realm = false
    dns_canonicalize_hostname = false
    rdns = false
    qualify_shortname = ""
    udp_preference_limit = 1
    forwardable = true
    ticket_lifetime = ${p.ticketLifetime}

[realms]
    ${p.realm} = {
        kdc = 127.0.0.1:${p.kdcPort}
    }

[domain_realm]
    localhost = ${p.realm}
`;
}

/**
 * The KDC profile (KRB5_KDC_PROFILE). Every file lives in `dir`; the KDC listens on 127.0.0.1 only.
 * `kadmind_port` names a free port although kadmind is never started, so that nothing falls back to 749.
 *
 * @example
 * ```ts
 * writeFileSync(kdcConfPath, kdcConf({ realm: 'KRBTEST.COM', dir, kdcPort, kadmindPort, maxLife: '1d', ticketLifetime: '1d' }));
 * ```
 */
export function kdcConf(p: ProfileParams): string {
  const file = (name: string) => path.join(p.dir, name);
  return `[realms]
    ${p.realm} = {
        database_name = ${file('principal')}
        key_stash_file = ${file('stash')}
        acl_file = ${file('kadm5.acl')}
        kdc_listen = 127.0.0.1:${p.kdcPort}
        kdc_tcp_listen = 127.0.0.1:${p.kdcPort}
        kadmind_port = ${p.kadmindPort}
        max_life = ${p.maxLife}
        max_renewable_life = 7d
    }

[logging]
    kdc = FILE:${file('kdc.log')}
`;
}

/** The gss-ntlmssp mechanism OID (MS NTLMSSP). */
export const NTLMSSP_OID = '1.3.6.1.4.1.311.2.2.10';

const TRIPLETS: Partial<Record<string, string>> = {
  x64: 'x86_64-linux-gnu',
  arm64: 'aarch64-linux-gnu',
  arm: 'arm-linux-gnueabihf',
  ia32: 'i386-linux-gnu',
  ppc64: 'powerpc64le-linux-gnu',
  s390x: 's390x-linux-gnu',
  riscv64: 'riscv64-linux-gnu',
};

/**
 * Path of the gss-ntlmssp shared object: taken from the system's /etc/gss/mech.d/*ntlmssp*.conf when
 * present, else the Debian multiarch default `/usr/lib/<triplet>/gssntlmssp/gssntlmssp.so`.
 *
 * @throws Error saying to install gss-ntlmssp when the object does not exist
 * @example
 * ```ts
 * ntlmsspLibrary(); // '/usr/lib/x86_64-linux-gnu/gssntlmssp/gssntlmssp.so'
 * ```
 */
export function ntlmsspLibrary(mechDir = '/etc/gss/mech.d'): string {
  let library: string | undefined;
  try {
    for (const entry of readdirSync(mechDir).sort()) {
      if (!/ntlmssp.*\.conf$/.test(entry)) continue;
      for (const line of readFileSync(path.join(mechDir, entry), 'utf8').split('\n')) {
        // Format: name OID library [options]; '#' starts a comment.
        const [name, oid, lib] = line.replace(/#.*/, '').trim().split(/\s+/);
        if (lib && (oid === NTLMSSP_OID || name?.includes('ntlmssp'))) library ??= lib;
      }
    }
  } catch {
    // no mech.d directory: use the default below
  }
  library ??= `/usr/lib/${TRIPLETS[process.arch] ?? `${process.arch}-linux-gnu`}/gssntlmssp/gssntlmssp.so`;
  if (!existsSync(library)) {
    throw new Error(`k5test: NTLM requested but ${library} does not exist; apt-get install gss-ntlmssp`);
  }
  return library;
}

/**
 * A GSS mech file (GSS_MECH_CONFIG) enabling only gss-ntlmssp beside the built-in krb5/SPNEGO.
 *
 * @example
 * ```ts
 * writeFileSync(path.join(dir, 'mech.conf'), ntlmMechConf());
 * ```
 */
export function ntlmMechConf(library = ntlmsspLibrary()): string {
  return `# written by @gssapi/k5test\ngssntlmssp_v1 ${NTLMSSP_OID} ${library}\n`;
}
