/**
 * Name types and mechanism OIDs ({@link NameType}, {@link MechType}), read from
 * the loaded library's exported constants when it has them.
 */
import { libraryOid, native } from './library.js';
import { OID, oidFromBinding } from './oids.js';

function constant(symbol: string, dotted: string): () => OID {
  let cached: OID | undefined;
  return () => {
    if (!cached) {
      const der = libraryOid(symbol);
      cached = der ? oidFromBinding(der) : OID.fromIntSeq(dotted);
    }
    return cached;
  };
}

function lazy<T extends object>(getters: { [K in keyof T]: () => T[K] }): Readonly<T> {
  const object = {} as T;
  for (const key of Object.keys(getters) as (keyof T)[]) {
    Object.defineProperty(object, key, { get: getters[key], enumerable: true });
  }
  return Object.freeze(object);
}

/** The name types of RFC 2743 and the Kerberos mechanism. */
export interface NameTypes {
  /** GSS_C_NT_HOSTBASED_SERVICE (1.2.840.113554.1.2.1.4): `service@host`. */
  readonly hostbasedService: OID;
  /** GSS_C_NT_USER_NAME (1.2.840.113554.1.2.1.1): a local user name. */
  readonly user: OID;
  /** GSS_C_NT_MACHINE_UID_NAME (1.2.840.113554.1.2.1.2): a numeric uid in host byte order. */
  readonly machineUid: OID;
  /** GSS_C_NT_STRING_UID_NAME (1.2.840.113554.1.2.1.3): a uid as decimal text. */
  readonly stringUid: OID;
  /** GSS_C_NT_ANONYMOUS (1.3.6.1.5.6.3): the anonymous name. */
  readonly anonymous: OID;
  /** GSS_C_NT_EXPORT_NAME (1.3.6.1.5.6.4): a token from {@link exportName}. */
  readonly export: OID;
  /** GSS_KRB5_NT_PRINCIPAL_NAME (1.2.840.113554.1.2.2.1): `primary/instance@REALM`. */
  readonly kerberosPrincipal: OID;
  /** GSS_C_NT_COMPOSITE_EXPORT (1.3.6.1.5.6.6, RFC 6680): a composite export token; undefined when the library lacks it. */
  readonly compositeExport: OID | undefined;
}

/**
 * GSSAPI name types, for {@link importName} and friends.
 *
 * @example
 * ```ts
 * import { importNameSync, NameType } from '@gssapi/raw';
 * importNameSync('HTTP@www.example.com', { nameType: NameType.hostbasedService });
 * importNameSync('alice@EXAMPLE.COM', { nameType: NameType.kerberosPrincipal });
 * ```
 */
export const NameType: NameTypes = lazy<NameTypes>({
  hostbasedService: constant('GSS_C_NT_HOSTBASED_SERVICE', '1.2.840.113554.1.2.1.4'),
  user: constant('GSS_C_NT_USER_NAME', '1.2.840.113554.1.2.1.1'),
  machineUid: constant('GSS_C_NT_MACHINE_UID_NAME', '1.2.840.113554.1.2.1.2'),
  stringUid: constant('GSS_C_NT_STRING_UID_NAME', '1.2.840.113554.1.2.1.3'),
  anonymous: constant('GSS_C_NT_ANONYMOUS', '1.3.6.1.5.6.3'),
  export: constant('GSS_C_NT_EXPORT_NAME', '1.3.6.1.5.6.4'),
  kerberosPrincipal: constant('GSS_KRB5_NT_PRINCIPAL_NAME', '1.2.840.113554.1.2.2.1'),
  compositeExport: () => {
    const der = libraryOid('GSS_C_NT_COMPOSITE_EXPORT');
    return der ? oidFromBinding(der) : undefined;
  },
});

const IAKERB = OID.fromIntSeq('1.3.6.1.5.2.5');
const NTLM = OID.fromIntSeq('1.3.6.1.4.1.311.2.2.10');
let indicated: OID[] | undefined;

function installed(oid: OID): OID | undefined {
  if (!indicated) {
    const result = native().indicateMechsSync();
    indicated = (result.mechs ?? []).map(oidFromBinding);
  }
  return indicated.find((m) => m.equals(oid));
}

/** The mechanisms of {@link MechType}. */
export interface MechTypes {
  /** Kerberos V5 (1.2.840.113554.1.2.2, RFC 4121). */
  readonly kerberos: OID;
  /** SPNEGO (1.3.6.1.5.5.2, RFC 4178). */
  readonly spnego: OID;
  /** IAKERB (1.3.6.1.5.2.5), when the library reports it. */
  readonly iakerb: OID | undefined;
  /** NTLM (1.3.6.1.4.1.311.2.2.10, e.g. gss-ntlmssp), when the library reports it. */
  readonly ntlm: OID | undefined;
}

/**
 * GSSAPI mechanism OIDs. `iakerb` and `ntlm` are undefined when the library
 * does not offer them (checked with `gss_indicate_mechs` on first access, so
 * set `GSS_MECH_CONFIG` before reading them).
 *
 * @example
 * ```ts
 * import { MechType, initSecContextSync } from '@gssapi/raw';
 * initSecContextSync(target, { mech: MechType.spnego });
 * if (MechType.ntlm) console.log('NTLM is installed');
 * ```
 */
export const MechType: MechTypes = lazy<MechTypes>({
  kerberos: constant('gss_mech_krb5', '1.2.840.113554.1.2.2'),
  spnego: constant('GSS_SPNEGO_MECHANISM', '1.3.6.1.5.5.2'),
  iakerb: () => installed(IAKERB),
  ntlm: () => installed(NTLM),
});
