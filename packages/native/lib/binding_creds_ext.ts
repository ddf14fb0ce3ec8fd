/**
 * Native argument and result shapes of the extension operations in
 * `src/creds_ext*.cc`, merged into {@link NativeArgs} / {@link NativeResults}.
 */
import type {} from './binding.js';

declare module './binding.js' {
  // biome-ignore lint/suspicious/noEmptyInterface: filled in as the extension operations are added
  interface NativeArgs {}
  // biome-ignore lint/suspicious/noEmptyInterface: filled in as the extension operations are added
  interface NativeResults {}
}
