/**
 * Loader of the `@gssapi/native` addon and of the system GSSAPI library.
 *
 * Most programs use `@gssapi/raw` or `@gssapi/high`, which call this for you.
 *
 * @example
 * ```ts
 * import { load } from '@gssapi/native';
 * const { binding, library } = load();
 * console.log(library.path, library.loaded);
 * ```
 *
 * @packageDocumentation
 */
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Binding, LoadReport } from './binding.js';

export type * from './binding.js';
export type * from './binding_contexts_ext.js';
export type * from './binding_creds_ext.js';
export type * from './binding_dce.js';
export type * from './binding_names_ext.js';

/** The MIT Kerberos GSSAPI library, the default implementation. */
export const DEFAULT_LIBRARY = 'libgssapi_krb5.so.2';

/** Options of {@link load}. */
export interface LoadOptions {
  /**
   * The GSSAPI shared library to load: a file name searched the usual way
   * (`libgssapi_krb5.so.2`) or a path. Defaults to the `GSSAPI_LIBRARY`
   * environment variable, else {@link DEFAULT_LIBRARY}. One library per process.
   */
  library?: string;
}

/** What {@link load} returns. */
export interface Loaded {
  /** The addon's functions and handle classes. */
  readonly binding: Binding;
  /** What loading the GSSAPI library found. */
  readonly library: LoadReport;
}

const here = dirname(fileURLToPath(import.meta.url));
const addonPath = join(here, '..', 'build', 'Release', 'gssapi_native.node');
let loaded: Loaded | undefined;

/**
 * Loads the addon and the GSSAPI library (once; later calls return the same).
 *
 * @param options - which library to load (only the first call's choice counts).
 * @returns the binding and the library report.
 * @throws Error with installation help when the addon is not built or the
 *   library cannot be loaded.
 * @example
 * ```ts
 * const { library } = load({ library: process.env.GSSAPI_LIBRARY });
 * if (!library.optional.gss_acquire_cred_from) console.log('no credential store');
 * ```
 */
export function load(options: LoadOptions = {}): Loaded {
  if (loaded) {
    const wanted = options.library;
    if (wanted !== undefined && wanted !== loaded.library.path) {
      throw new Error(`gssapi: ${loaded.library.path} is already loaded; cannot switch to ${wanted}`);
    }
    return loaded;
  }
  const binding = requireAddon();
  binding.setBufferAllocator((length) => Buffer.allocUnsafe(length));
  const path = options.library ?? process.env.GSSAPI_LIBRARY ?? DEFAULT_LIBRARY;
  const library = binding.loadLibrary(path);
  if (!library.loaded) throw new Error(libraryHelp(library));
  loaded = Object.freeze({ binding, library });
  return loaded;
}

function requireAddon(): Binding {
  if (!existsSync(addonPath)) {
    throw new Error(
      `gssapi: the native addon is not built (${addonPath} is missing).\n` +
        '  In the repository: npm run build (needs libkrb5-dev, cmake and g++: bash scripts/setup-system.sh).',
    );
  }
  try {
    return createRequire(import.meta.url)(addonPath) as Binding;
  } catch (error) {
    throw new Error(
      `gssapi: the native addon ${addonPath} could not be loaded: ${(error as Error).message}\n` +
        '  Rebuild it for this Node.js with: npm run build',
      { cause: error },
    );
  }
}

function libraryHelp(report: LoadReport): string {
  if (report.missingRequired.length > 0) {
    return (
      `gssapi: ${report.path} is not a complete GSSAPI library; missing: ${report.missingRequired.join(', ')}.\n` +
      '  Point GSSAPI_LIBRARY at an RFC 2744 implementation (MIT: libgssapi_krb5.so.2, Heimdal: libgssapi.so.3).'
    );
  }
  return (
    `gssapi: cannot load the GSSAPI library ${report.path}: ${report.error ?? 'unknown error'}.\n` +
    '  On Debian/Ubuntu: apt-get install libgssapi-krb5-2 (MIT Kerberos), or set GSSAPI_LIBRARY to another implementation.'
  );
}
