/**
 * The shape of the compiled addon, as the C++ sources define it (see `src/*.cc`,
 * whose comments give each function's positional arguments).
 *
 * The addon trusts its input: `@gssapi/raw` validates every argument first.
 * OIDs are passed as their DER content bytes; lifetimes, flags and usages as
 * unsigned 32-bit numbers with the C values. GSS failures are not thrown: every
 * result carries `major` and `minor`, and `majorText`/`minorText` (formatted on
 * the thread that made the call) when `major` is a failure.
 *
 * @packageDocumentation
 */

/** A native object owning one GSSAPI handle (`gss_name_t`, `gss_cred_id_t` or `gss_ctx_id_t`). */
export interface NativeHandle {
  /** Frees the handle now (idempotent); an operation still running finishes first. */
  release(): void;
  /** True once {@link NativeHandle.release} was called. */
  readonly released: boolean;
  /** True when the handle is the GSS "no object" value (never set, exported or deleted). */
  readonly empty: boolean;
}

/** A native `gss_name_t` owner. */
export interface NativeName extends NativeHandle {
  readonly __kind?: 'Name';
}
/** A native `gss_cred_id_t` owner. */
export interface NativeCreds extends NativeHandle {
  readonly __kind?: 'Creds';
}
/** A native `gss_ctx_id_t` owner. */
export interface NativeContext extends NativeHandle {
  readonly __kind?: 'SecurityContext';
}

/** Status fields of every result; `major` and `minor` are absent when 0. */
export interface NativeStatus {
  readonly major?: number;
  readonly minor?: number;
  readonly majorText?: string[];
  readonly minorText?: string[];
}

/** What `loadLibrary` reports. */
export interface LoadReport {
  readonly loaded: boolean;
  readonly path: string;
  readonly error?: string;
  readonly missingRequired: string[];
  readonly optional: Record<string, boolean>;
  readonly oids: Record<string, Buffer>;
}

/** Bytes the addon reads (any Uint8Array; Buffers included). */
export type Bytes = Uint8Array;
/** An optional argument: `undefined` stands for the GSS "none" value (GSS_C_NO_BUFFER, GSS_C_NO_OID, ...). */
export type Maybe<T> = T | undefined;
/** Channel bindings as the addon takes them. */
export type NativeBindings = [number, Maybe<Bytes>, number, Maybe<Bytes>, Maybe<Bytes>];

/** Results of each native operation (fields absent when the call failed). */
export interface NativeResults {
  importName: NativeStatus & { name?: NativeName };
  displayName: NativeStatus & { text?: Buffer; nameType?: Buffer };
  compareName: NativeStatus & { equal?: boolean };
  exportName: NativeStatus & { token?: Buffer };
  canonicalizeName: NativeStatus & { name?: NativeName };
  duplicateName: NativeStatus & { name?: NativeName };
  acquireCred: NativeStatus & { creds?: NativeCreds; mechs?: Buffer[]; lifetime?: number };
  addCred: NativeStatus & { creds?: NativeCreds; mechs?: Buffer[]; initLifetime?: number; acceptLifetime?: number };
  inquireCred: NativeStatus & { name?: NativeName; lifetime?: number; usage?: number; mechs?: Buffer[] };
  inquireCredByMech: NativeStatus & {
    name?: NativeName;
    initLifetime?: number;
    acceptLifetime?: number;
    usage?: number;
  };
  initSecContext: NativeStatus & { token: Buffer; mech?: Buffer; flags: number; lifetime: number };
  acceptSecContext: NativeStatus & {
    token: Buffer;
    mech?: Buffer;
    initiatorName?: NativeName;
    flags?: number;
    lifetime?: number;
    delegatedCreds?: NativeCreds;
  };
  inquireContext: NativeStatus & {
    initiatorName?: NativeName;
    targetName?: NativeName;
    lifetime?: number;
    mech?: Buffer;
    flags?: number;
    locallyInit?: boolean;
    complete?: boolean;
  };
  contextTime: NativeStatus & { lifetime?: number };
  processContextToken: NativeStatus;
  importSecContext: NativeStatus & { context?: NativeContext };
  exportSecContext: NativeStatus & { token?: Buffer };
  deleteSecContext: NativeStatus & { token?: Buffer };
  getMic: NativeStatus & { token?: Buffer };
  verifyMic: NativeStatus & { qop?: number };
  wrapSizeLimit: NativeStatus & { maxInputSize?: number };
  wrap: NativeStatus & { message?: Buffer; encrypted?: boolean };
  unwrap: NativeStatus & { message?: Buffer; encrypted?: boolean; qop?: number };
  indicateMechs: NativeStatus & { mechs?: Buffer[] };
  inquireNamesForMech: NativeStatus & { nameTypes?: Buffer[] };
  inquireMechsForName: NativeStatus & { mechs?: Buffer[] };
  displayStatus: NativeStatus & { text?: Buffer; messageContext?: number };
}

/** Positional arguments of each native operation. */
export interface NativeArgs {
  importName: [text: Bytes, nameType: Maybe<Bytes>];
  displayName: [name: NativeName];
  compareName: [a: NativeName, b: NativeName];
  exportName: [name: NativeName];
  canonicalizeName: [name: NativeName, mech: Bytes];
  duplicateName: [name: NativeName];
  acquireCred: [name: Maybe<NativeName>, lifetime: number, mechs: Maybe<Bytes[]>, usage: number];
  addCred: [
    input: Maybe<NativeCreds>,
    name: Maybe<NativeName>,
    mech: Bytes,
    usage: number,
    initLifetime: number,
    acceptLifetime: number,
    mutate: boolean,
  ];
  inquireCred: [creds: Maybe<NativeCreds>, want: number, mayBeNameless: boolean];
  inquireCredByMech: [creds: Maybe<NativeCreds>, mech: Bytes, want: number, mayBeNameless: boolean];
  initSecContext: [
    context: NativeContext,
    target: NativeName,
    creds: Maybe<NativeCreds>,
    mech: Maybe<Bytes>,
    flags: number,
    lifetime: number,
    bindings: Maybe<NativeBindings>,
    token: Maybe<Bytes>,
  ];
  acceptSecContext: [context: NativeContext, token: Bytes, creds: Maybe<NativeCreds>, bindings: Maybe<NativeBindings>];
  inquireContext: [context: NativeContext, want: number];
  contextTime: [context: NativeContext];
  processContextToken: [context: NativeContext, token: Bytes];
  importSecContext: [token: Bytes];
  exportSecContext: [context: NativeContext];
  deleteSecContext: [context: NativeContext, localOnly: boolean];
  getMic: [context: NativeContext, message: Bytes, qop: number];
  verifyMic: [context: NativeContext, message: Bytes, token: Bytes];
  wrapSizeLimit: [context: NativeContext, outputSize: number, confidential: boolean, qop: number];
  wrap: [context: NativeContext, message: Bytes, confidential: boolean, qop: number];
  unwrap: [context: NativeContext, message: Bytes];
  indicateMechs: [];
  inquireNamesForMech: [mech: Bytes];
  inquireMechsForName: [name: NativeName];
  displayStatus: [code: number, isMajor: boolean, mech: Maybe<Bytes>, messageContext: number];
}

/** Names of the native operations. */
export type OperationName = keyof NativeArgs & keyof NativeResults;

/** The Promise form of every operation (runs off the main thread). */
export type AsyncOps = {
  [K in OperationName]: (...args: NativeArgs[K]) => Promise<NativeResults[K]>;
};
/** The inline form of every operation, named `<operation>Sync`. */
export type SyncOps = {
  [K in OperationName as `${K}Sync`]: (...args: NativeArgs[K]) => NativeResults[K];
};

/** The loaded addon. */
export type Binding = AsyncOps &
  SyncOps & {
    /** Native handle classes; `new` gives an empty handle. */
    Name: new () => NativeName;
    Creds: new () => NativeCreds;
    SecurityContext: new () => NativeContext;
    /** Loads a GSSAPI library (once per process). */
    loadLibrary(path: string): LoadReport;
    /** Sets how the addon allocates result Buffers (the loader passes `Buffer.allocUnsafe`). */
    setBufferAllocator(allocate: (length: number) => Buffer): void;
  };
