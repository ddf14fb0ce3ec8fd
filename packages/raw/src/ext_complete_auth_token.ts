/**
 * `gss_complete_auth_token` (MIT and Heimdal extension, from Microsoft's SSPI
 * `CompleteAuthToken`): lets a mechanism finish an authentication token after
 * the caller has added its own data around it (HTTP digest-style schemes).
 * As `completeAuthToken()` (Promise, worker thread) and `completeAuthTokenSync()`.
 */
import type { NativeArgs } from '@gssapi/native';
import { callAsync, callSync } from './call.js';
import { requireSymbol } from './extensions.js';
import { contextArg, nativeContext, type SecurityContextLike } from './handles.js';
import { bytesArg } from './validate.js';

function completeArgs(context: unknown, token: unknown): NativeArgs['completeAuthToken'] {
  requireSymbol('completeAuthToken', 'gss_complete_auth_token');
  return [nativeContext(contextArg(context, 'context')), bytesArg(token, 'token')];
}

const tokenOf = (r: { token?: Buffer }): Buffer => r.token ?? Buffer.alloc(0);

/**
 * Completes an authentication token (`gss_complete_auth_token`). The C call
 * changes its buffer in place; here the input is never modified: the
 * library works on a copy, and that copy, as the library left it, is returned.
 * MIT's mechanisms (krb5, SPNEGO) have nothing to complete: the call succeeds
 * and the bytes come back unchanged.
 *
 * @param context - the context the token belongs to.
 * @param token - the token (or message) to complete.
 * @returns the token after the mechanism's changes (equal to `token` for MIT's krb5).
 * @throws GSSError (e.g. `GSS_S_NO_CONTEXT` for an empty context).
 * @example
 * ```ts
 * const completed = await completeAuthToken(ctx, token);
 * ```
 */
export async function completeAuthToken(context: SecurityContextLike, token: Uint8Array): Promise<Buffer> {
  return callAsync('completeAuthToken', completeArgs(context, token), tokenOf);
}

/**
 * Synchronous form of {@link completeAuthToken}.
 *
 * @param context - the context the token belongs to.
 * @param token - the token to complete.
 * @returns the token after the mechanism's changes.
 * @example
 * ```ts
 * const completed = completeAuthTokenSync(ctx, token);
 * ```
 */
export function completeAuthTokenSync(context: SecurityContextLike, token: Uint8Array): Buffer {
  return callSync('completeAuthToken', completeArgs(context, token), tokenOf);
}
