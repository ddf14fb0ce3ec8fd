/**
 * The loaded GSSAPI library: lazy loading, the report of what it provides, and
 * the OID constants it exports.
 */
import { type Binding, type LoadReport, load } from '@gssapi/native';
import { oidFromBinding } from './oids.js';

let current: { binding: Binding; report: LoadReport } | undefined;

/** What {@link loadLibrary} and {@link libraryInfo} report. */
export interface LibraryInfo {
  /** The file given to `dlopen` (from `GSSAPI_LIBRARY`, an option, or the MIT default). */
  readonly path: string;
  /** Each optional (extension) function of the C API and whether the library has it. */
  readonly functions: Readonly<Record<string, boolean>>;
  /** The OID constants the library exports, by C name, as dotted strings. */
  readonly oids: Readonly<Record<string, string>>;
}

/** Options of {@link loadLibrary}. */
export interface LoadLibraryOptions {
  /** The GSSAPI shared library: a file name or path (default: `GSSAPI_LIBRARY`, else MIT's `libgssapi_krb5.so.2`). */
  library?: string;
}

/**
 * Loads the GSSAPI library now instead of at the first call, optionally naming
 * which implementation to use. One library per process: a later call naming
 * another one throws.
 *
 * @param options - the library to load.
 * @returns what the library provides.
 * @throws Error with installation help when the addon or the library cannot be loaded.
 * @example
 * ```ts
 * import { loadLibrary } from '@gssapi/raw';
 * const info = loadLibrary({ library: 'libgssapi_krb5.so.2' });
 * console.log(info.path, info.functions.gss_acquire_cred_from);
 * ```
 */
export function loadLibrary(options: LoadLibraryOptions = {}): LibraryInfo {
  if (options.library !== undefined && typeof options.library !== 'string') {
    throw new TypeError('options.library must be a string');
  }
  const { binding, library } = load(options);
  current = { binding, report: library };
  return libraryInfo();
}

/**
 * Describes the loaded GSSAPI library (loading it when needed).
 *
 * @returns the path, optional functions and OID constants.
 * @example
 * ```ts
 * import { libraryInfo } from '@gssapi/raw';
 * console.log(libraryInfo().path); // 'libgssapi_krb5.so.2'
 * ```
 */
export function libraryInfo(): LibraryInfo {
  const { report } = loaded();
  return Object.freeze({
    path: report.path,
    functions: Object.freeze({ ...report.optional }),
    oids: Object.freeze(
      Object.fromEntries(Object.entries(report.oids).map(([k, v]) => [k, oidFromBinding(v).dottedForm])),
    ),
  });
}

/** The addon (loading the library on first use). @internal */
export function native(): Binding {
  return (current ?? loaded()).binding;
}

/** The DER bytes of an OID constant the library exports, if it does. @internal */
export function libraryOid(name: string): Buffer | undefined {
  return loaded().report.oids[name];
}

function loaded(): { binding: Binding; report: LoadReport } {
  if (!current) {
    const { binding, library } = load();
    current = { binding, report: library };
  }
  return current;
}
