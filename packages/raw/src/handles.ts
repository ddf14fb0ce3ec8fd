/**
 * The raw handle classes: {@link Name}, {@link Creds} and {@link SecurityContext}.
 * Each owns one native GSSAPI handle. The handle is released when the object is
 * garbage collected, or earlier and idempotently by `release()` /
 * `[Symbol.dispose]()`. Using a released object throws a TypeError.
 */
import type { NativeContext, NativeCreds, NativeHandle, NativeName } from '@gssapi/native';
import { native } from './library.js';

const nativeOf = Symbol('gssapi.native');

abstract class Handle<N extends NativeHandle> implements Disposable {
  /** @internal */
  readonly [nativeOf]: N;
  // Mirrors the native object's flag without a native call on every argument check;
  // release() below is the only way to release a handle.
  #released = false;

  /** @internal */
  constructor(handle: N) {
    this[nativeOf] = handle;
  }

  /**
   * Whether {@link Handle.release} has been called.
   *
   * @example
   * ```ts
   * name.release();
   * name.released; // true
   * ```
   */
  get released(): boolean {
    return this.#released;
  }

  /**
   * Frees the GSSAPI handle now instead of at garbage collection. Idempotent.
   * An async call still using the handle finishes first.
   *
   * @example
   * ```ts
   * const name = importNameSync('host@localhost', { nameType: NameType.hostbasedService });
   * name.release();
   * ```
   */
  release(): void {
    this.#released = true;
    this[nativeOf].release();
  }

  /**
   * Same as {@link Handle.release}, for `using` declarations.
   *
   * @example
   * ```ts
   * { using name = importNameSync('user'); console.log(displayNameSync(name).name); }
   * ```
   */
  [Symbol.dispose](): void {
    this.release();
  }
}

/**
 * A GSSAPI name (`gss_name_t`): made by {@link importName}, {@link canonicalizeName},
 * {@link acceptSecContext} and others.
 *
 * @example
 * ```ts
 * import { importNameSync, NameType } from '@gssapi/raw';
 * const name = importNameSync('host@localhost', { nameType: NameType.hostbasedService });
 * ```
 */
export class Name extends Handle<NativeName> {
  /** @internal */
  static fromNative(handle: NativeName): Name {
    return new Name(handle);
  }
}

/**
 * GSSAPI credentials (`gss_cred_id_t`): made by {@link acquireCred} and {@link addCred},
 * or delegated by a peer ({@link AcceptSecContextResult.delegatedCreds}).
 *
 * @example
 * ```ts
 * import { acquireCredSync } from '@gssapi/raw';
 * const { creds } = acquireCredSync({ usage: 'initiate' });
 * ```
 */
export class Creds extends Handle<NativeCreds> {
  /** @internal `named`: acquired or added for a given name (see {@link credsMayBeNameless}). */
  static fromNative(handle: NativeCreds, named = false): Creds {
    const creds = new Creds(handle);
    if (named) namedCreds.add(creds);
    return creds;
  }
}

// Credentials made for a given name. Only these are asked for their name when
// gss-ntlmssp could hold a nameless acceptor element (it crashes on those).
const namedCreds = new WeakSet<Creds>();

/** Whether credentials may lack a name (not known to be acquired for one). @internal */
export function credsMayBeNameless(value: CredsLike | null | undefined): boolean {
  if (value === undefined || value === null) return true;
  return !namedCreds.has(value instanceof Creds ? value : value.raw);
}

/** Whether an optional name argument was given. @internal */
export function hasName(value: unknown): boolean {
  return value !== undefined && value !== null;
}

/**
 * A GSSAPI security context (`gss_ctx_id_t`): made by {@link initSecContext},
 * {@link acceptSecContext} or {@link importSecContext}, and updated in place by
 * later init/accept calls given it as `context`.
 *
 * Calls on one context never run at the same time: async calls queue behind
 * each other in call order, and a sync call waits for a running async one.
 *
 * @example
 * ```ts
 * import { initSecContextSync } from '@gssapi/raw';
 * const first = initSecContextSync(target);
 * const ctx = first.context; // pass as { context: ctx } to the next step
 * ```
 */
export class SecurityContext extends Handle<NativeContext> {
  /** @internal */
  static fromNative(handle: NativeContext): SecurityContext {
    return new SecurityContext(handle);
  }

  /** @internal A new context object holding GSS_C_NO_CONTEXT. */
  static empty(): SecurityContext {
    return new SecurityContext(new (native().SecurityContext)());
  }

  /**
   * Whether the context holds a GSSAPI context: false before the first
   * init/accept step, and after it was exported or deleted.
   *
   * @example
   * ```ts
   * exportSecContextSync(ctx);
   * ctx.started; // false: the export moved the context into the token
   * ```
   */
  get started(): boolean {
    return !this[nativeOf].empty;
  }
}

/** Anything that holds a raw {@link Name}: the raw object itself or a high-level wrapper. */
export type NameLike = Name | { readonly raw: Name };
/** Anything that holds raw {@link Creds}: the raw object itself or a high-level wrapper. */
export type CredsLike = Creds | { readonly raw: Creds };
/** Anything that holds a raw {@link SecurityContext}: the raw object itself or a high-level wrapper. */
export type SecurityContextLike = SecurityContext | { readonly raw: SecurityContext };

function handleArg<T extends Handle<NativeHandle>>(
  value: unknown,
  cls: abstract new (...args: never[]) => T,
  arg: string,
  allowReleased = false,
): T {
  const handle =
    typeof value === 'object' && value !== null && !(value instanceof cls) && 'raw' in value
      ? (value as { raw: unknown }).raw
      : value;
  if (!(handle instanceof cls)) throw new TypeError(`${arg} must be a ${cls.name} (got ${describe(value)})`);
  if (handle.released && !allowReleased) throw new TypeError(`${arg} has been released`);
  return handle;
}

/** Releases the raw handle behind a handle argument; releasing twice is fine. @internal */
export function releaseArg(
  value: unknown,
  cls: typeof Name | typeof Creds | typeof SecurityContext,
  arg: string,
): void {
  handleArg<Handle<NativeHandle>>(
    value,
    cls as unknown as abstract new (
      ...args: never[]
    ) => Handle<NativeHandle>,
    arg,
    true,
  ).release();
}

/** The native handle of a name argument; TypeError naming `arg` otherwise. @internal */
export function nameArg(value: unknown, arg: string): NativeName {
  return handleArg(value, Name, arg)[nativeOf];
}
/** Like {@link nameArg}, undefined/null allowed (GSS_C_NO_NAME). @internal */
export function optionalNameArg(value: unknown, arg: string): NativeName | undefined {
  return value === undefined || value === null ? undefined : nameArg(value, arg);
}
/** The native handle of a credentials argument (undefined/null: default credentials). @internal */
export function optionalCredsArg(value: unknown, arg: string): NativeCreds | undefined {
  return value === undefined || value === null ? undefined : handleArg(value, Creds, arg)[nativeOf];
}
/** The native handle of a required credentials argument; TypeError naming `arg` otherwise. @internal */
export function credsArg(value: unknown, arg: string): NativeCreds {
  const native = optionalCredsArg(value, arg);
  if (native === undefined) throw new TypeError(`${arg} must be a Creds (got ${describe(value)})`);
  return native;
}
/** The raw context of a context argument; TypeError naming `arg` otherwise. @internal */
export function contextArg(value: unknown, arg: string): SecurityContext {
  return handleArg(value, SecurityContext, arg);
}
/** The native handle of a raw context. @internal */
export function nativeContext(context: SecurityContext): NativeContext {
  return context[nativeOf];
}

/** Short description of a value for error messages. @internal */
export function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'object') return `an instance of ${value.constructor?.name ?? 'Object'}`;
  if (typeof value === 'string') return `a string`;
  return `${typeof value} ${String(value)}`;
}
