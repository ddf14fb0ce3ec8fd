/**
 * Native argument and result shapes of the DCE IOV, AEAD and IOV MIC extension
 * operations in `src/iov.cc`, merged into {@link NativeArgs} / {@link NativeResults}.
 */
import type { NativeContext, NativeStatus } from './binding.js';

/**
 * One IOV buffer as the addon takes it: the `GSS_IOV_BUFFER_TYPE_*` value OR'ed
 * with `GSS_IOV_BUFFER_FLAG_ALLOCATE` (0x10000) when the library should
 * allocate it, and its bytes (undefined: no memory). The addon copies the bytes;
 * it never writes into them.
 */
export type NativeIovBuffer = [type: number, value: Uint8Array | undefined];

/**
 * One IOV buffer after a call: the type with the flags the library left
 * (`GSS_IOV_BUFFER_FLAG_ALLOCATED` 0x20000 when it allocated the memory), and a
 * copy of the bytes (undefined when the buffer has no memory and no length).
 */
export type NativeIovResult = [type: number, value: Buffer | undefined];

declare module './binding.js' {
  interface NativeArgs {
    wrapIov: [context: NativeContext, iov: NativeIovBuffer[], confidential: boolean, qop: number];
    unwrapIov: [context: NativeContext, iov: NativeIovBuffer[]];
    wrapIovLength: [context: NativeContext, iov: NativeIovBuffer[], confidential: boolean, qop: number];
    wrapAead: [
      context: NativeContext,
      message: Uint8Array,
      associated: Uint8Array | undefined,
      confidential: boolean,
      qop: number,
    ];
    unwrapAead: [context: NativeContext, message: Uint8Array, associated: Uint8Array | undefined];
    getMicIov: [context: NativeContext, iov: NativeIovBuffer[], qop: number];
    getMicIovLength: [context: NativeContext, iov: NativeIovBuffer[], qop: number];
    verifyMicIov: [context: NativeContext, iov: NativeIovBuffer[]];
  }
  interface NativeResults {
    wrapIov: NativeStatus & { iov?: NativeIovResult[]; encrypted?: boolean };
    unwrapIov: NativeStatus & { iov?: NativeIovResult[]; encrypted?: boolean; qop?: number };
    wrapIovLength: NativeStatus & { iov?: NativeIovResult[]; encrypted?: boolean };
    wrapAead: NativeStatus & { message?: Buffer; encrypted?: boolean };
    unwrapAead: NativeStatus & { message?: Buffer; encrypted?: boolean; qop?: number };
    getMicIov: NativeStatus & { iov?: NativeIovResult[] };
    getMicIovLength: NativeStatus & { iov?: NativeIovResult[] };
    verifyMicIov: NativeStatus & { qop?: number };
  }
}
