/**
 * Raw-layer values and types re-exported under the high level's own
 * documentation (the raw comments link to raw functions this package does
 * not export).
 *
 * @module
 */
import * as raw from '@gssapi/raw';

/**
 * GSSAPI name types (the raw layer's `NameType`), for {@link Name}.
 *
 * @example
 * ```ts
 * new Name('HTTP@www.example.com', NameType.hostbasedService);
 * new Name('alice@EXAMPLE.COM', NameType.kerberosPrincipal);
 * Name.fromToken(token); // NameType.export
 * ```
 */
export const NameType: raw.NameTypes = raw.NameType;

/**
 * A wrapped message ({@link SecurityContext.wrap}): the token and whether it is encrypted.
 *
 * @example
 * ```ts
 * const { message, encrypted }: WrapResult = ctx.wrapSync('hello', true);
 * ```
 */
export type WrapResult = raw.WrapResult;

/**
 * An unwrapped message ({@link SecurityContext.unwrap}): the message, whether it was encrypted, and the QOP.
 *
 * @example
 * ```ts
 * const { message, encrypted, qop }: UnwrapResult = ctx.unwrapSync(token);
 * ```
 */
export type UnwrapResult = raw.UnwrapResult;

/**
 * What {@link Credentials.store} stored: the mechanisms and the usage.
 *
 * @example
 * ```ts
 * const { mechs, usage }: StoreCredResult = creds.storeSync({ overwrite: true });
 * ```
 */
export type StoreCredResult = raw.StoreCredResult;

/**
 * How credentials may be used: `'initiate'`, `'accept'` or `'both'`.
 *
 * @example
 * ```ts
 * const usage: Usage = (await Credentials.acquire({ usage: 'accept' })).usage; // 'accept'
 * ```
 */
export type Usage = raw.Usage;
