/**
 * Channel bindings (`gss_channel_bindings_struct`): tie a security context to the channel it runs
 * over, typically a TLS connection.
 *
 * @module
 */

import { Buffer } from 'node:buffer';
import { inspect } from 'node:util';

/**
 * Address families for channel bindings (`GSS_C_AF_*`). Most deployments leave both addresses out and
 * put a TLS binding in the application data instead.
 *
 * @example
 * ```ts
 * import { AddressType, ChannelBindings } from '@gssapi/raw';
 *
 * const cb = new ChannelBindings({
 *   initiatorAddressType: AddressType.ip,
 *   initiatorAddress: Uint8Array.of(127, 0, 0, 1),
 * });
 * cb.initiatorAddressType; // 2
 * ```
 */
export enum AddressType {
  /** `GSS_C_AF_UNSPEC`: no address (the default). */
  unspecified = 0,
  /** `GSS_C_AF_LOCAL`: host-local address. */
  local = 1,
  /** `GSS_C_AF_INET`: IPv4 (4 bytes, network order). */
  ip = 2,
  /** `GSS_C_AF_IMPLINK`: ARPAnet IMP. */
  arpanet = 3,
  /** `GSS_C_AF_PUP`: PUP protocols. */
  pup = 4,
  /** `GSS_C_AF_CHAOS`: MIT CHAOS. */
  chaos = 5,
  /** `GSS_C_AF_NS`: Xerox NS. */
  xeroxNs = 6,
  /** `GSS_C_AF_NBS`: NBS. */
  nbs = 7,
  /** `GSS_C_AF_ECMA`: ECMA. */
  ecma = 8,
  /** `GSS_C_AF_DATAKIT`: Datakit protocols. */
  datakit = 9,
  /** `GSS_C_AF_CCITT`: CCITT protocols. */
  ccitt = 10,
  /** `GSS_C_AF_SNA`: IBM SNA. */
  ibmSna = 11,
  /** `GSS_C_AF_DECnet`: DECnet. */
  decnet = 12,
  /** `GSS_C_AF_DLI`: direct data link interface. */
  dli = 13,
  /** `GSS_C_AF_LAT`: LAT. */
  lat = 14,
  /** `GSS_C_AF_HYLINK`: NSC Hyperchannel. */
  hyperchannel = 15,
  /** `GSS_C_AF_APPLETALK`: AppleTalk. */
  appletalk = 16,
  /** `GSS_C_AF_BSC`: BISYNC 2780/3780. */
  bisync = 17,
  /** `GSS_C_AF_DSS`: distributed system services. */
  dss = 18,
  /** `GSS_C_AF_OSI`: OSI TP4. */
  osiTp4 = 19,
  /** `GSS_C_AF_X25`: X.25. */
  x25 = 21,
  /** `GSS_C_AF_NULLADDR`: explicitly no address. */
  null = 255,
}

/**
 * The fields of {@link ChannelBindings}; all are optional. Address types default to
 * {@link AddressType.unspecified}; strings are encoded as UTF-8.
 *
 * @example
 * ```ts
 * const init: ChannelBindingsInit = { applicationData: 'tls-exporter:...' };
 * new ChannelBindings(init).applicationData?.length; // 16
 * ```
 */
export interface ChannelBindingsInit {
  /** The initiator's address family; a {@link AddressType} or any 32-bit value. */
  initiatorAddressType?: AddressType | number;
  /** The initiator's address bytes. */
  initiatorAddress?: Uint8Array | string;
  /** The acceptor's address family; a {@link AddressType} or any 32-bit value. */
  acceptorAddressType?: AddressType | number;
  /** The acceptor's address bytes. */
  acceptorAddress?: Uint8Array | string;
  /** Application data, e.g. a TLS channel binding such as `tls-server-end-point:<hash>`. */
  applicationData?: Uint8Array | string;
}

/**
 * The tuple handed to the native addon: initiator address type, initiator address, acceptor address
 * type, acceptor address, application data.
 *
 * @example
 * ```ts
 * const [initType, initAddr, accType, accAddr, data]: ChannelBindingsBinding = new ChannelBindings().toBinding();
 * ```
 */
export type ChannelBindingsBinding = [number, Buffer | undefined, number, Buffer | undefined, Buffer | undefined];

/** Normalises an address type field, or throws naming it. */
function addressType(value: unknown, field: string): number {
  if (value === undefined || value === null) {
    return AddressType.unspecified;
  }
  if (typeof value !== 'number') {
    throw new TypeError(`${field} must be an AddressType number (got ${typeof value})`);
  }
  if (!Number.isInteger(value) || value < 0 || value > 0xffffffff) {
    throw new RangeError(`${field} must be an integer from 0 to 0xFFFFFFFF (got ${value})`);
  }
  return value;
}

/** Normalises a data field to a private Buffer copy, or throws naming it. */
function dataField(value: unknown, field: string): Buffer | undefined {
  if (value === undefined || value === null) {
    return undefined;
  }
  if (typeof value === 'string') {
    return Buffer.from(value, 'utf8');
  }
  if (value instanceof Uint8Array) {
    return Buffer.copyBytesFrom(value);
  }
  throw new TypeError(`${field} must be a Uint8Array or a string (got ${typeof value})`);
}

/** Checks a helper's byte argument. */
function bytesArg(value: unknown, argName: string): Uint8Array {
  if (!(value instanceof Uint8Array)) {
    throw new TypeError(`${argName} must be a Uint8Array (got ${value === null ? 'null' : typeof value})`);
  }
  if (value.byteLength === 0) {
    throw new RangeError(`${argName} must not be empty`);
  }
  return value;
}

/** A copy of an optional Buffer. */
function copy(buf: Buffer | undefined): Buffer | undefined {
  return buf === undefined ? undefined : Buffer.from(buf);
}

/**
 * Immutable channel bindings for context initiation and acceptance. Both peers must build the same
 * bindings or the acceptor fails with `BadChannelBindingsError`. The byte fields return fresh copies,
 * so the bindings cannot be changed after construction.
 *
 * @example
 * ```ts
 * import { createHash } from 'node:crypto';
 * import { ChannelBindings } from '@gssapi/raw';
 *
 * // RFC 5929 tls-server-end-point from the server certificate (DER) of a TLS socket
 * const certHash = createHash('sha256').update(socket.getPeerX509Certificate()!.raw).digest();
 * const cb = ChannelBindings.tlsServerEndPoint(certHash);
 * ```
 */
export class ChannelBindings {
  /**
   * The initiator's address family (0, {@link AddressType.unspecified}, when not given).
   *
   * @example
   * ```ts
   * new ChannelBindings().initiatorAddressType; // 0
   * ```
   */
  readonly initiatorAddressType: number;

  /**
   * The acceptor's address family (0, {@link AddressType.unspecified}, when not given).
   *
   * @example
   * ```ts
   * new ChannelBindings({ acceptorAddressType: AddressType.ip }).acceptorAddressType; // 2
   * ```
   */
  readonly acceptorAddressType: number;

  readonly #initiatorAddress: Buffer | undefined;
  readonly #acceptorAddress: Buffer | undefined;
  readonly #applicationData: Buffer | undefined;

  /**
   * Builds channel bindings; every field is optional.
   *
   * @param init - the fields
   * @throws TypeError if `init` is not an object or a field has the wrong type (the message names it)
   * @throws RangeError if an address type is not an integer from 0 to 0xFFFFFFFF
   *
   * @example
   * ```ts
   * const cb = new ChannelBindings({ applicationData: 'hello' });
   * cb.applicationData?.toString(); // 'hello'
   * ```
   */
  constructor(init: ChannelBindingsInit = {}) {
    if (init === null || typeof init !== 'object') {
      throw new TypeError(
        `init must be an object of ChannelBindings fields (got ${init === null ? 'null' : typeof init})`,
      );
    }
    this.initiatorAddressType = addressType(init.initiatorAddressType, 'initiatorAddressType');
    this.#initiatorAddress = dataField(init.initiatorAddress, 'initiatorAddress');
    this.acceptorAddressType = addressType(init.acceptorAddressType, 'acceptorAddressType');
    this.#acceptorAddress = dataField(init.acceptorAddress, 'acceptorAddress');
    this.#applicationData = dataField(init.applicationData, 'applicationData');
    if (new.target === ChannelBindings) {
      Object.freeze(this);
    }
  }

  /**
   * A copy of the initiator's address bytes, or `undefined`.
   *
   * @example
   * ```ts
   * new ChannelBindings({ initiatorAddress: Uint8Array.of(10, 0, 0, 1) }).initiatorAddress; // <Buffer 0a 00 00 01>
   * ```
   */
  get initiatorAddress(): Buffer | undefined {
    return copy(this.#initiatorAddress);
  }

  /**
   * A copy of the acceptor's address bytes, or `undefined`.
   *
   * @example
   * ```ts
   * new ChannelBindings().acceptorAddress; // undefined
   * ```
   */
  get acceptorAddress(): Buffer | undefined {
    return copy(this.#acceptorAddress);
  }

  /**
   * A copy of the application data, or `undefined`.
   *
   * @example
   * ```ts
   * ChannelBindings.tlsUnique(Buffer.from('abc')).applicationData?.toString(); // 'tls-unique:abc'
   * ```
   */
  get applicationData(): Buffer | undefined {
    return copy(this.#applicationData);
  }

  /**
   * RFC 5929 `tls-server-end-point` bindings: the application data is `tls-server-end-point:`
   * followed by the hash of the server's certificate (SHA-256 unless the certificate's signature uses
   * a stronger hash).
   *
   * @param certHash - the certificate hash
   * @returns the bindings
   * @throws TypeError if `certHash` is not a `Uint8Array`
   * @throws RangeError if `certHash` is empty
   *
   * @example
   * ```ts
   * import { createHash } from 'node:crypto';
   *
   * const hash = createHash('sha256').update(certificateDer).digest();
   * const cb = ChannelBindings.tlsServerEndPoint(hash);
   * ```
   */
  static tlsServerEndPoint(certHash: Uint8Array): ChannelBindings {
    return ChannelBindings.#prefixed('tls-server-end-point:', bytesArg(certHash, 'certHash'));
  }

  /**
   * RFC 5929 `tls-unique` bindings: the application data is `tls-unique:` followed by the first TLS
   * Finished message of the connection (TLS 1.2 and earlier only).
   *
   * @param finished - the Finished message, e.g. from `tlsSocket.getFinished()` on the client
   * @returns the bindings
   * @throws TypeError if `finished` is not a `Uint8Array`
   * @throws RangeError if `finished` is empty
   *
   * @example
   * ```ts
   * const cb = ChannelBindings.tlsUnique(tlsSocket.getFinished()!);
   * ```
   */
  static tlsUnique(finished: Uint8Array): ChannelBindings {
    return ChannelBindings.#prefixed('tls-unique:', bytesArg(finished, 'finished'));
  }

  /**
   * RFC 9266 `tls-exporter` bindings (TLS 1.3): the application data is `tls-exporter:` followed by
   * 32 bytes exported with the label `EXPORTER-Channel-Binding` and an empty context.
   *
   * @param keyingMaterial - the exported keying material
   * @returns the bindings
   * @throws TypeError if `keyingMaterial` is not a `Uint8Array`
   * @throws RangeError if `keyingMaterial` is empty
   *
   * @example
   * ```ts
   * const ekm = tlsSocket.exportKeyingMaterial(32, 'EXPORTER-Channel-Binding', Buffer.alloc(0));
   * const cb = ChannelBindings.tlsExporter(ekm);
   * ```
   */
  static tlsExporter(keyingMaterial: Uint8Array): ChannelBindings {
    return ChannelBindings.#prefixed('tls-exporter:', bytesArg(keyingMaterial, 'keyingMaterial'));
  }

  static #prefixed(prefix: string, data: Uint8Array): ChannelBindings {
    return new ChannelBindings({ applicationData: Buffer.concat([Buffer.from(prefix, 'ascii'), data]) });
  }

  /**
   * The tuple handed to the native addon, in the order initiator address type, initiator address,
   * acceptor address type, acceptor address, application data. The Buffers are fresh copies.
   *
   * @returns the tuple
   *
   * @example
   * ```ts
   * new ChannelBindings({ applicationData: 'x' }).toBinding(); // [0, undefined, 0, undefined, <Buffer 78>]
   * ```
   */
  toBinding(): ChannelBindingsBinding {
    return [
      this.initiatorAddressType,
      copy(this.#initiatorAddress),
      this.acceptorAddressType,
      copy(this.#acceptorAddress),
      copy(this.#applicationData),
    ];
  }

  /**
   * Shown by `util.inspect` and `console.log` with the byte fields in hex.
   *
   * @returns the inspection text
   *
   * @example
   * ```ts
   * console.log(new ChannelBindings({ applicationData: 'x' }));
   * // ChannelBindings { initiatorAddressType: 0, acceptorAddressType: 0, applicationData: 78 }
   * ```
   */
  [inspect.custom](): string {
    const parts = [`initiatorAddressType: ${this.initiatorAddressType}`];
    if (this.#initiatorAddress !== undefined) {
      parts.push(`initiatorAddress: ${this.#initiatorAddress.toString('hex')}`);
    }
    parts.push(`acceptorAddressType: ${this.acceptorAddressType}`);
    if (this.#acceptorAddress !== undefined) {
      parts.push(`acceptorAddress: ${this.#acceptorAddress.toString('hex')}`);
    }
    if (this.#applicationData !== undefined) {
      parts.push(`applicationData: ${this.#applicationData.toString('hex')}`);
    }
    return `ChannelBindings { ${parts.join(', ')} }`;
  }
}
