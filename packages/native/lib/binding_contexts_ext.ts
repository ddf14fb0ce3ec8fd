/**
 * Native argument and result shapes of the extension operations in
 * `src/contexts_ext.cc` (GGF, PRF, complete-auth-token) and `src/krb5_ext.cc`
 * (Kerberos-specific calls), merged into {@link NativeArgs} / {@link NativeResults}.
 */
import type { NativeContext, NativeCreds, NativeStatus } from './binding.js';

/**
 * RFC 1964 key data of a lucid context, as the addon returns it.
 *
 * @example
 * ```ts
 * const { lucid } = binding.krb5ExportLucidSecContextSync(ctx, 1);
 * lucid?.rfc1964Kd?.keyType;
 * ```
 */
export interface NativeRfc1964KeyData {
  /** Signing algorithm (`sign_alg`). */
  readonly signAlg: number;
  /** Sealing algorithm (`seal_alg`). */
  readonly sealAlg: number;
  /** Enctype of the context key. */
  readonly keyType: number;
  /** The context key bytes. */
  readonly key: Buffer;
}

/**
 * RFC 4121 (CFX) key data of a lucid context, as the addon returns it.
 *
 * @example
 * ```ts
 * const { lucid } = binding.krb5ExportLucidSecContextSync(ctx, 1);
 * lucid?.cfxKd?.ctxKeyType; // 18
 * ```
 */
export interface NativeCfxKeyData {
  /** Enctype of the context key. */
  readonly ctxKeyType: number;
  /** The context key bytes. */
  readonly ctxKey: Buffer;
  /** Enctype of the acceptor subkey; present only when the acceptor asserted one. */
  readonly acceptorSubkeyType?: number;
  /** The acceptor subkey bytes; present only when the acceptor asserted one. */
  readonly acceptorSubkey?: Buffer;
}

/**
 * A lucid context copied out of `gss_krb5_lucid_context_v1_t` (only `version` for other versions).
 *
 * @example
 * ```ts
 * const { lucid } = binding.krb5ExportLucidSecContextSync(ctx, 1);
 * lucid?.sendSeq; // a bigint
 * ```
 */
export interface NativeLucidContext {
  /** The structure version the library returned. */
  readonly version: number;
  /** True on the initiator's side (`initiate`). */
  readonly isInitiator?: boolean;
  /** Expiry, seconds since the epoch. */
  readonly endtime?: number;
  /** Next send sequence number. */
  readonly sendSeq?: bigint;
  /** Receive sequence number (MIT: the peer's initial one, not advanced by unwraps). */
  readonly recvSeq?: bigint;
  /** 0: RFC 1964, 1: RFC 4121 (CFX). */
  readonly protocol?: number;
  /** Key data when `protocol` is 0. */
  readonly rfc1964Kd?: NativeRfc1964KeyData;
  /** Key data when `protocol` is 1. */
  readonly cfxKd?: NativeCfxKeyData;
}

declare module './binding.js' {
  interface NativeArgs {
    inquireCredByOid: [creds: NativeCreds, oid: Uint8Array];
    inquireSecContextByOid: [context: NativeContext, oid: Uint8Array];
    /** The context is updated in place (an empty one may be filled by the library). */
    setSecContextOption: [context: NativeContext, oid: Uint8Array, value: Uint8Array | undefined];
    /** prfKey: GSS_C_PRF_KEY_FULL 0, GSS_C_PRF_KEY_PARTIAL 1. */
    pseudoRandom: [context: NativeContext, prfKey: number, prfIn: Uint8Array, desiredOutputLength: number];
    completeAuthToken: [context: NativeContext, token: Uint8Array];
    krb5Library: [];
    /** undefined resets to the default cache. */
    krb5CcacheName: [name: string | undefined];
    krb5ExportLucidSecContext: [context: NativeContext, version: number];
    krb5ExtractAuthtimeFromSecContext: [context: NativeContext];
    krb5ExtractAuthzDataFromSecContext: [context: NativeContext, adType: number];
    /** Names resolved with libkrb5 (krb5_cc_resolve, krb5_parse_name, krb5_kt_resolve). */
    krb5ImportCred: [cache: string | undefined, keytabPrincipal: string | undefined, keytab: string | undefined];
    krb5GetTktFlags: [context: NativeContext];
    krb5SetAllowableEnctypes: [creds: NativeCreds, enctypes: number[]];
  }
  interface NativeResults {
    inquireCredByOid: NativeStatus & { values?: Buffer[] };
    inquireSecContextByOid: NativeStatus & { values?: Buffer[] };
    setSecContextOption: NativeStatus;
    pseudoRandom: NativeStatus & { output?: Buffer };
    completeAuthToken: NativeStatus & { token?: Buffer };
    krb5Library: NativeStatus & { available?: boolean; error?: string };
    krb5CcacheName: NativeStatus & { previous?: string };
    krb5ExportLucidSecContext: NativeStatus & { lucid?: NativeLucidContext };
    krb5ExtractAuthtimeFromSecContext: NativeStatus & { authtime?: number };
    krb5ExtractAuthzDataFromSecContext: NativeStatus & { data?: Buffer };
    krb5ImportCred: NativeStatus & { creds?: NativeCreds };
    krb5GetTktFlags: NativeStatus & { flags?: number };
    krb5SetAllowableEnctypes: NativeStatus;
  }
}
