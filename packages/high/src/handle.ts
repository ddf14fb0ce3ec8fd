/**
 * What `Name` and `Credentials` share: they wrap one raw handle, release it
 * idempotently, and support `using`.
 * @internal
 */

/** A raw handle as the high-level objects hold it. */
interface RawHandle {
  readonly released: boolean;
  release(): void;
}

/**
 * Base of the high-level classes that wrap one raw handle.
 *
 * @example
 * ```ts
 * const name = new Name('user');
 * name.release();
 * name.released; // true
 * ```
 */
export abstract class HandleWrapper<R extends RawHandle> implements Disposable {
  /** The raw object this wraps (shared, never moved). */
  abstract get raw(): R;

  /**
   * Whether the handle has been released.
   *
   * @example
   * ```ts
   * creds.release();
   * creds.released; // true
   * ```
   */
  get released(): boolean {
    return this.raw.released;
  }

  /**
   * Releases the GSSAPI handle now (idempotent); it is also released when
   * garbage collected.
   *
   * @example
   * ```ts
   * name.release();
   * ```
   */
  release(): void {
    this.raw.release();
  }

  /**
   * Same as {@link HandleWrapper.release}, for `using`.
   *
   * @example
   * ```ts
   * { using name = new Name('user'); console.log(`${name}`); }
   * ```
   */
  [Symbol.dispose](): void {
    this.release();
  }
}
