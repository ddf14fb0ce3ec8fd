/**
 * {@link Credentials}: GSSAPI credentials, acquired from the default ticket
 * cache or keytab, from a credential store, with a password, by
 * impersonation, or imported from a token.
 *
 * @module
 */
import { inspect } from 'node:util';
import * as raw from '@gssapi/raw';
import {
  type CredStore,
  type CredsLike,
  ExpiredCredentialsError,
  type NameLike,
  type OID,
  type OIDSet,
  type Usage,
} from '@gssapi/raw';
import { HandleWrapper } from './handle.js';
import { Name } from './names.js';

/**
 * Options of {@link Credentials.acquire}.
 *
 * @example
 * ```ts
 * const options: AcquireOptions = { usage: 'accept', store: { keytab: '/etc/krb5.keytab' } };
 * ```
 */
export interface AcquireOptions {
  /**
   * Whose credentials (default: the default principal; for acceptors, any key in the keytab).
   *
   * @example
   * ```ts
   * Credentials.acquire({ name: new Name('user@KRBTEST.COM', NameType.kerberosPrincipal), usage: 'initiate' });
   * ```
   */
  name?: NameLike | null;
  /**
   * Requested lifetime in seconds (default Infinity: as long as possible).
   *
   * @example
   * ```ts
   * Credentials.acquire({ lifetime: 3600 });
   * ```
   */
  lifetime?: number;
  /**
   * The mechanisms wanted (default: the library's default set).
   *
   * @example
   * ```ts
   * Credentials.acquire({ mechs: [MechType.kerberos] });
   * ```
   */
  mechs?: Iterable<OID> | OID;
  /**
   * How they will be used (default `'both'`, or `'initiate'` with a `password`).
   *
   * @example
   * ```ts
   * Credentials.acquire({ usage: 'accept' });
   * ```
   */
  usage?: Usage;
  /**
   * A credential store (`gss_acquire_cred_from`): MIT keys `ccache`,
   * `client_keytab`, `keytab`, `rcache`; gss-ntlmssp keys `password`,
   * `ntlmssp_domain`, ... Needs the `credStore` extension.
   *
   * @example
   * ```ts
   * Credentials.acquire({ usage: 'initiate', store: { ccache: 'FILE:/tmp/alice.ccache' } });
   * ```
   */
  store?: CredStore;
  /**
   * A password (`gss_acquire_cred_with_password`; needs `name` and the
   * `password` extension). Strings are UTF-8 encoded and the encoded copy is
   * zeroed afterwards.
   *
   * @example
   * ```ts
   * Credentials.acquire({ name: user, password: 'secret' });
   * ```
   */
  password?: string | Uint8Array;
}

/**
 * Options of {@link Credentials.add}.
 *
 * @example
 * ```ts
 * const options: AddOptions = { usage: 'initiate', initLifetime: 600 };
 * ```
 */
export interface AddOptions {
  /**
   * How the new element will be used (default `'both'`, as python-gssapi).
   *
   * @example
   * ```ts
   * creds.add(name, MechType.kerberos, { usage: 'accept' });
   * ```
   */
  usage?: Usage;
  /**
   * Initiator lifetime in seconds (default Infinity).
   *
   * @example
   * ```ts
   * creds.add(name, MechType.kerberos, { initLifetime: 600 });
   * ```
   */
  initLifetime?: number;
  /**
   * Acceptor lifetime in seconds (default Infinity).
   *
   * @example
   * ```ts
   * creds.add(name, MechType.kerberos, { acceptLifetime: 600 });
   * ```
   */
  acceptLifetime?: number;
  /**
   * Add an element impersonating `name` with these credentials (S4U2Self,
   * `gss_add_cred_impersonate_name`; needs the `s4u` extension).
   *
   * @example
   * ```ts
   * const withUser = await iakerbCreds.add(user, MechType.kerberos, { usage: 'initiate', impersonator: serviceCreds });
   * ```
   */
  impersonator?: CredsLike;
  /**
   * Take the element from a credential store (`gss_add_cred_from`; needs `credStore`).
   *
   * @example
   * ```ts
   * creds.add(null, MechType.kerberos, { usage: 'accept', store: { keytab: 'FILE:/etc/krb5.keytab' } });
   * ```
   */
  store?: CredStore;
  /**
   * Get the element with a password (`gss_add_cred_with_password`; needs `passwordAdd`).
   *
   * @example
   * ```ts
   * creds.add(user, MechType.kerberos, { usage: 'initiate', password: 'secret' });
   * ```
   */
  password?: string | Uint8Array;
}

/**
 * Options of {@link Credentials.store}.
 *
 * @example
 * ```ts
 * const options: StoreOptions = { store: { ccache: 'FILE:/tmp/out.ccache' }, overwrite: true };
 * ```
 */
export interface StoreOptions {
  /**
   * Where to store (`gss_store_cred_into`, needs `credStore`); default: the
   * default store (`gss_store_cred`, RFC 5588).
   *
   * @example
   * ```ts
   * delegated.store({ store: { ccache: 'MEMORY:deleg' } });
   * ```
   */
  store?: CredStore;
  /**
   * Which elements to store (default `'both'`).
   *
   * @example
   * ```ts
   * creds.store({ usage: 'initiate' });
   * ```
   */
  usage?: Usage;
  /**
   * Store only this mechanism's element (default: every mechanism's).
   *
   * @example
   * ```ts
   * creds.store({ mech: MechType.kerberos });
   * ```
   */
  mech?: OID;
  /**
   * Replace credentials already in the store (default false).
   *
   * @example
   * ```ts
   * creds.store({ overwrite: true });
   * ```
   */
  overwrite?: boolean;
  /**
   * Make them the store's default credentials (default false).
   *
   * @example
   * ```ts
   * creds.store({ setDefault: true });
   * ```
   */
  setDefault?: boolean;
}

/**
 * Options of {@link Credentials.impersonate}.
 *
 * @example
 * ```ts
 * const options: ImpersonateOptions = { usage: 'initiate', lifetime: 600 };
 * ```
 */
export interface ImpersonateOptions {
  /**
   * Requested lifetime in seconds (default Infinity).
   *
   * @example
   * ```ts
   * service.impersonate(user, { lifetime: 600 });
   * ```
   */
  lifetime?: number;
  /**
   * The mechanisms wanted (default: the library's default set).
   *
   * @example
   * ```ts
   * service.impersonate(user, { mechs: [MechType.kerberos] });
   * ```
   */
  mechs?: Iterable<OID> | OID;
  /**
   * How they will be used (default `'initiate'`).
   *
   * @example
   * ```ts
   * service.impersonate(user, { usage: 'initiate' });
   * ```
   */
  usage?: Usage;
}

/**
 * What {@link Credentials.inquire} reports; fields not asked for are undefined.
 *
 * @example
 * ```ts
 * const { name, lifetime, usage, mechs }: CredentialsInfo = creds.inquireSync();
 * ```
 */
export interface CredentialsInfo {
  /**
   * The principal.
   *
   * @example
   * ```ts
   * `${creds.inquireSync().name}`; // 'user@KRBTEST.COM'
   * ```
   */
  readonly name: Name | undefined;
  /**
   * Seconds left (Infinity: indefinite).
   *
   * @example
   * ```ts
   * creds.inquireSync().lifetime; // 86399
   * ```
   */
  readonly lifetime: number | undefined;
  /**
   * How they can be used.
   *
   * @example
   * ```ts
   * creds.inquireSync().usage; // 'initiate'
   * ```
   */
  readonly usage: Usage | undefined;
  /**
   * Their mechanisms.
   *
   * @example
   * ```ts
   * creds.inquireSync().mechs?.has(MechType.kerberos); // true
   * ```
   */
  readonly mechs: OIDSet | undefined;
}

/**
 * What {@link Credentials.inquireByMech} reports; fields not asked for are undefined.
 *
 * @example
 * ```ts
 * const { initLifetime, acceptLifetime }: CredentialsMechInfo = creds.inquireByMechSync(MechType.kerberos);
 * ```
 */
export interface CredentialsMechInfo {
  /**
   * The principal.
   *
   * @example
   * ```ts
   * `${creds.inquireByMechSync(MechType.kerberos).name}`; // 'user@KRBTEST.COM'
   * ```
   */
  readonly name: Name | undefined;
  /**
   * Seconds left for initiating (Infinity: indefinite).
   *
   * @example
   * ```ts
   * creds.inquireByMechSync(MechType.kerberos).initLifetime; // 86399
   * ```
   */
  readonly initLifetime: number | undefined;
  /**
   * Seconds left for accepting (Infinity: indefinite).
   *
   * @example
   * ```ts
   * server.inquireByMechSync(MechType.kerberos).acceptLifetime; // Infinity
   * ```
   */
  readonly acceptLifetime: number | undefined;
  /**
   * How they can be used.
   *
   * @example
   * ```ts
   * creds.inquireByMechSync(MechType.kerberos).usage; // 'initiate'
   * ```
   */
  readonly usage: Usage | undefined;
}

function wrapName(name: raw.Name | undefined): Name | undefined {
  return name ? Name.fromRaw(name) : undefined;
}

/**
 * The name of credentials, or undefined when they have none (the raw layer
 * also leaves it out where gss-ntlmssp would crash asking for it).
 * @internal
 */
export function credentialsName(creds: CredsLike): Name | undefined {
  return wrapName(raw.inquireCredSync(creds, { lifetime: false, usage: false, mechs: false }).name);
}

function checkAcquire(options: AcquireOptions | undefined): AcquireOptions {
  const o = options ?? {};
  if (typeof o !== 'object') throw new TypeError('options must be an object');
  if (o.password !== undefined && o.store !== undefined) {
    throw new TypeError('options.password and options.store cannot be used together (put the password in the store)');
  }
  if (o.password !== undefined && (o.name === undefined || o.name === null)) {
    throw new TypeError('options.password needs options.name');
  }
  return o;
}

function checkAdd(options: AddOptions | undefined): AddOptions {
  const o = options ?? {};
  const ways = [o.impersonator, o.store, o.password].filter((v) => v !== undefined).length;
  if (ways > 1) throw new TypeError('use only one of options.impersonator, options.store and options.password');
  return o;
}

/**
 * GSSAPI credentials. Properties (`name`, `lifetime`, `mechs`, `usage`) are
 * read from the library on each access (`gss_inquire_cred`, local and cheap),
 * so they are never stale.
 *
 * Wrapping raw credentials ({@link Credentials.fromRaw}) shares them; the
 * raw object is never emptied or changed. Disposing releases them.
 *
 * @example
 * ```ts
 * import { Credentials } from '@gssapi/high';
 * const server = await Credentials.acquire({ usage: 'accept' });
 * const client = Credentials.acquireSync({ usage: 'initiate' });
 * `${client.name}`; // 'user@KRBTEST.COM'
 * ```
 */
export class Credentials extends HandleWrapper<raw.Creds> {
  readonly #raw: raw.Creds;

  /**
   * Wraps raw credentials (not copied).
   *
   * @param creds - the raw credentials.
   * @example
   * ```ts
   * const creds = new Credentials(acquireCredSync({ usage: 'accept' }).creds);
   * ```
   */
  constructor(creds: raw.Creds) {
    super();
    if (!(creds instanceof raw.Creds)) throw new TypeError('creds must be a raw Creds');
    if (creds.released) throw new TypeError('creds has been released');
    this.#raw = creds;
  }

  /**
   * Wraps raw credentials (not copied: {@link Credentials.raw} is the same object).
   *
   * @param creds - the raw credentials.
   * @returns the high-level credentials.
   * @example
   * ```ts
   * const delegated = Credentials.fromRaw(acceptSecContextSync(token).delegatedCreds!);
   * ```
   */
  static fromRaw(creds: raw.Creds): Credentials {
    return new Credentials(creds);
  }

  /**
   * Acquires credentials: from the default ticket cache / keytab
   * (`gss_acquire_cred`), from a credential store (`store`), or with a
   * password (`password`).
   *
   * @param options - `name`, `lifetime`, `mechs`, `usage`, `store`, `password`.
   * @returns the credentials.
   * @throws MissingCredentialsError when there are none; ExtensionUnavailableError for `store` or
   *   `password` without the extension.
   * @example
   * ```ts
   * const server = await Credentials.acquire({ usage: 'accept' });
   * const alice = await Credentials.acquire({ name: aliceName, password: 'secret' });
   * ```
   */
  static async acquire(options?: AcquireOptions): Promise<Credentials> {
    const o = checkAcquire(options);
    const { name, lifetime, mechs, usage } = o;
    let result: raw.AcquireCredResult;
    if (o.password !== undefined) {
      result = await raw.acquireCredWithPassword(o.name as NameLike, o.password, { lifetime, mechs, usage });
    } else if (o.store !== undefined) {
      result = await raw.acquireCredFrom({ store: o.store, name, lifetime, mechs, usage });
    } else {
      result = await raw.acquireCred({ name, lifetime, mechs, usage });
    }
    return new Credentials(result.creds);
  }

  /**
   * Synchronous form of {@link Credentials.acquire} (it may wait for the KDC
   * with a password).
   *
   * @param options - `name`, `lifetime`, `mechs`, `usage`, `store`, `password`.
   * @returns the credentials.
   * @example
   * ```ts
   * const client = Credentials.acquireSync({ usage: 'initiate', mechs: [MechType.kerberos] });
   * ```
   */
  static acquireSync(options?: AcquireOptions): Credentials {
    const o = checkAcquire(options);
    const { name, lifetime, mechs, usage } = o;
    let result: raw.AcquireCredResult;
    if (o.password !== undefined) {
      result = raw.acquireCredWithPasswordSync(o.name as NameLike, o.password, { lifetime, mechs, usage });
    } else if (o.store !== undefined) {
      result = raw.acquireCredFromSync({ store: o.store, name, lifetime, mechs, usage });
    } else {
      result = raw.acquireCredSync({ name, lifetime, mechs, usage });
    }
    return new Credentials(result.creds);
  }

  /**
   * Imports credentials exported by {@link Credentials.export}
   * (`gss_import_cred`; needs the `credImpExp` extension).
   *
   * @param token - the token.
   * @returns the credentials.
   * @example
   * ```ts
   * const creds = await Credentials.import(token);
   * ```
   */
  static async import(token: Uint8Array): Promise<Credentials> {
    return new Credentials(await raw.importCred(token));
  }

  /**
   * Synchronous form of {@link Credentials.import}.
   *
   * @param token - the token.
   * @returns the credentials.
   * @example
   * ```ts
   * const creds = Credentials.importSync(token);
   * ```
   */
  static importSync(token: Uint8Array): Credentials {
    return new Credentials(raw.importCredSync(token));
  }

  /**
   * The raw credentials this object wraps.
   *
   * @example
   * ```ts
   * inquireCredSync(creds.raw).usage === creds.usage; // true
   * ```
   */
  get raw(): raw.Creds {
    return this.#raw;
  }

  /**
   * The principal (`gss_inquire_cred`), a new {@link Name} on each read.
   * Undefined for nameless NTLM acceptor credentials, which gss-ntlmssp 1.2
   * cannot be asked about without crashing.
   *
   * @example
   * ```ts
   * `${creds.name}`; // 'user@KRBTEST.COM'
   * ```
   */
  get name(): Name | undefined {
    return credentialsName(this.#raw);
  }

  /**
   * Seconds left (`gss_inquire_cred`): Infinity when indefinite, 0 once expired.
   *
   * @example
   * ```ts
   * if (creds.lifetime < 60) creds = await Credentials.acquire({ usage: 'initiate' });
   * ```
   */
  get lifetime(): number {
    try {
      return raw.inquireCredSync(this.#raw, { name: false, usage: false, mechs: false }).lifetime ?? 0;
    } catch (error) {
      if (error instanceof ExpiredCredentialsError) return 0;
      throw error;
    }
  }

  /**
   * The mechanisms (`gss_inquire_cred`).
   *
   * @example
   * ```ts
   * creds.mechs.has(MechType.kerberos); // true
   * ```
   */
  get mechs(): OIDSet {
    return raw.inquireCredSync(this.#raw, { name: false, lifetime: false, usage: false }).mechs as OIDSet;
  }

  /**
   * How they can be used (`gss_inquire_cred`).
   *
   * @example
   * ```ts
   * (await Credentials.acquire({ usage: 'accept' })).usage; // 'accept'
   * ```
   */
  get usage(): Usage {
    return raw.inquireCredSync(this.#raw, { name: false, lifetime: false, mechs: false }).usage as Usage;
  }

  /**
   * Reads several properties in one call (`gss_inquire_cred`).
   *
   * @param options - which fields to read (each default true).
   * @returns the fields asked for.
   * @example
   * ```ts
   * const { name, lifetime } = await creds.inquire({ usage: false, mechs: false });
   * ```
   */
  async inquire(options?: raw.InquireCredOptions): Promise<CredentialsInfo> {
    const r = await raw.inquireCred(this.#raw, options);
    return Object.freeze({ name: wrapName(r.name), lifetime: r.lifetime, usage: r.usage, mechs: r.mechs });
  }

  /**
   * Synchronous form of {@link Credentials.inquire}.
   *
   * @param options - which fields to read.
   * @returns the fields asked for.
   * @example
   * ```ts
   * creds.inquireSync().usage; // 'both'
   * ```
   */
  inquireSync(options?: raw.InquireCredOptions): CredentialsInfo {
    const r = raw.inquireCredSync(this.#raw, options);
    return Object.freeze({ name: wrapName(r.name), lifetime: r.lifetime, usage: r.usage, mechs: r.mechs });
  }

  /**
   * Reads the per-mechanism properties (`gss_inquire_cred_by_mech`).
   *
   * @param mech - the mechanism.
   * @param options - which fields to read (each default true).
   * @returns the fields asked for.
   * @example
   * ```ts
   * const { acceptLifetime } = await creds.inquireByMech(MechType.kerberos);
   * ```
   */
  async inquireByMech(mech: OID, options?: raw.InquireCredByMechOptions): Promise<CredentialsMechInfo> {
    const r = await raw.inquireCredByMech(this.#raw, mech, options);
    return Object.freeze({
      name: wrapName(r.name),
      initLifetime: r.initLifetime,
      acceptLifetime: r.acceptLifetime,
      usage: r.usage,
    });
  }

  /**
   * Synchronous form of {@link Credentials.inquireByMech}.
   *
   * @param mech - the mechanism.
   * @param options - which fields to read.
   * @returns the fields asked for.
   * @example
   * ```ts
   * creds.inquireByMechSync(MechType.kerberos).usage; // 'accept'
   * ```
   */
  inquireByMechSync(mech: OID, options?: raw.InquireCredByMechOptions): CredentialsMechInfo {
    const r = raw.inquireCredByMechSync(this.#raw, mech, options);
    return Object.freeze({
      name: wrapName(r.name),
      initLifetime: r.initLifetime,
      acceptLifetime: r.acceptLifetime,
      usage: r.usage,
    });
  }

  /**
   * A private copy of the raw credentials (export + import): MIT's
   * add_cred_impersonate_name / add_cred_with_password can only add in place
   * safely, and these credentials must not change.
   */
  async #copy(): Promise<raw.Creds> {
    return raw.importCred(await raw.exportCred(this.#raw));
  }

  #copySync(): raw.Creds {
    return raw.importCredSync(raw.exportCredSync(this.#raw));
  }

  /**
   * New credentials holding these plus an element for `mech`
   * (`gss_add_cred`; with `store` `gss_add_cred_from`, with `impersonator`
   * `gss_add_cred_impersonate_name`, with `password` `gss_add_cred_with_password`).
   * These credentials are not changed (for `impersonator` and `password` the
   * element is added to a copy made with `gss_export_cred` / `gss_import_cred`,
   * because MIT can add those elements only in place).
   *
   * @param name - whose element (null: the default; required with `impersonator` and `password`).
   * @param mech - the element's mechanism.
   * @param options - `usage`, `initLifetime`, `acceptLifetime`, `impersonator`, `store`, `password`.
   * @returns the new credentials.
   * @throws DuplicateCredentialsElementError when these credentials have `mech` already.
   * @example
   * ```ts
   * const both = await initiatorOnly.add(null, MechType.kerberos, { usage: 'accept' });
   * ```
   */
  async add(name: NameLike | null, mech: OID, options?: AddOptions): Promise<Credentials> {
    const o = checkAdd(options);
    const common = { usage: o.usage ?? 'both', initLifetime: o.initLifetime, acceptLifetime: o.acceptLifetime };
    let result: raw.AddCredResult;
    if (o.impersonator !== undefined) {
      const copy = await this.#copy();
      const mutate = { ...common, mutateInput: true };
      await raw.addCredImpersonateName(copy, o.impersonator, name as NameLike, mech, mutate);
      return new Credentials(copy);
    } else if (o.store !== undefined) {
      result = await raw.addCredFrom(this.#raw, name, mech, { ...common, store: o.store });
    } else if (o.password !== undefined) {
      const copy = await this.#copy();
      const mutate = { ...common, mutateInput: true };
      await raw.addCredWithPassword(copy, name as NameLike, mech, o.password, mutate);
      return new Credentials(copy);
    } else {
      result = await raw.addCred(this.#raw, name, mech, common);
    }
    return new Credentials(result.creds as raw.Creds);
  }

  /**
   * Synchronous form of {@link Credentials.add}.
   *
   * @param name - whose element (null: the default).
   * @param mech - the element's mechanism.
   * @param options - `usage`, `initLifetime`, `acceptLifetime`, `impersonator`, `store`, `password`.
   * @returns the new credentials.
   * @example
   * ```ts
   * const both = initiatorOnly.addSync(null, MechType.kerberos, { usage: 'accept' });
   * ```
   */
  addSync(name: NameLike | null, mech: OID, options?: AddOptions): Credentials {
    const o = checkAdd(options);
    const common = { usage: o.usage ?? 'both', initLifetime: o.initLifetime, acceptLifetime: o.acceptLifetime };
    let result: raw.AddCredResult;
    if (o.impersonator !== undefined) {
      const copy = this.#copySync();
      const mutate = { ...common, mutateInput: true };
      raw.addCredImpersonateNameSync(copy, o.impersonator, name as NameLike, mech, mutate);
      return new Credentials(copy);
    } else if (o.store !== undefined) {
      result = raw.addCredFromSync(this.#raw, name, mech, { ...common, store: o.store });
    } else if (o.password !== undefined) {
      const copy = this.#copySync();
      const mutate = { ...common, mutateInput: true };
      raw.addCredWithPasswordSync(copy, name as NameLike, mech, o.password, mutate);
      return new Credentials(copy);
    } else {
      result = raw.addCredSync(this.#raw, name, mech, common);
    }
    return new Credentials(result.creds as raw.Creds);
  }

  /**
   * Stores the credentials: into the default store (`gss_store_cred`,
   * RFC 5588) or into a credential store (`store`, `gss_store_cred_into`).
   * Typical use: keep credentials a client delegated.
   *
   * @param options - `store`, `usage`, `mech`, `overwrite`, `setDefault`.
   * @returns the mechanisms and usage stored.
   * @throws DuplicateCredentialsElementError when the store has them and `overwrite` is false.
   * @example
   * ```ts
   * await server.delegatedCreds!.store({ store: { ccache: 'FILE:/tmp/deleg.ccache' }, overwrite: true });
   * ```
   */
  store(options?: StoreOptions): Promise<raw.StoreCredResult> {
    const { store, ...rest } = options ?? {};
    return store === undefined ? raw.storeCred(this.#raw, rest) : raw.storeCredInto(store, this.#raw, rest);
  }

  /**
   * Synchronous form of {@link Credentials.store}.
   *
   * @param options - `store`, `usage`, `mech`, `overwrite`, `setDefault`.
   * @returns the mechanisms and usage stored.
   * @example
   * ```ts
   * delegated.storeSync({ store: { ccache: 'MEMORY:kept' } }).usage; // 'initiate'
   * ```
   */
  storeSync(options?: StoreOptions): raw.StoreCredResult {
    const { store, ...rest } = options ?? {};
    return store === undefined ? raw.storeCredSync(this.#raw, rest) : raw.storeCredIntoSync(store, this.#raw, rest);
  }

  /**
   * Credentials for `name` obtained with these (a service's) credentials
   * (S4U2Self, `gss_acquire_cred_impersonate_name`; needs the `s4u`
   * extension and a service the KDC lets impersonate).
   *
   * @param name - the user to impersonate.
   * @param options - `lifetime`, `mechs`, `usage`.
   * @returns the user's credentials.
   * @example
   * ```ts
   * const asAlice = await serviceCreds.impersonate(new Name('alice', NameType.kerberosPrincipal));
   * ```
   */
  async impersonate(name: NameLike, options?: ImpersonateOptions): Promise<Credentials> {
    return new Credentials((await raw.acquireCredImpersonateName(this.#raw, name, options)).creds);
  }

  /**
   * Synchronous form of {@link Credentials.impersonate}.
   *
   * @param name - the user to impersonate.
   * @param options - `lifetime`, `mechs`, `usage`.
   * @returns the user's credentials.
   * @example
   * ```ts
   * const asAlice = serviceCreds.impersonateSync(alice);
   * ```
   */
  impersonateSync(name: NameLike, options?: ImpersonateOptions): Credentials {
    return new Credentials(raw.acquireCredImpersonateNameSync(this.#raw, name, options).creds);
  }

  /**
   * Serialises the credentials (`gss_export_cred`; needs `credImpExp`), for
   * {@link Credentials.import} in this or another process. MIT's token holds
   * references (cache and keytab names), not secrets, for stored credentials.
   *
   * @returns the token.
   * @example
   * ```ts
   * worker.postMessage(await creds.export());
   * ```
   */
  export(): Promise<Buffer> {
    return raw.exportCred(this.#raw);
  }

  /**
   * Synchronous form of {@link Credentials.export}.
   *
   * @returns the token.
   * @example
   * ```ts
   * const token = creds.exportSync();
   * ```
   */
  exportSync(): Buffer {
    return raw.exportCredSync(this.#raw);
  }

  /**
   * How `console.log` shows the credentials.
   *
   * @returns e.g. `Credentials("user@KRBTEST.COM", initiate)`.
   * @example
   * ```ts
   * console.log(creds); // Credentials("user@KRBTEST.COM", initiate)
   * ```
   */
  [inspect.custom](): string {
    if (this.released) return 'Credentials(<released>)';
    try {
      const name = credentialsName(this.#raw);
      const text = name === undefined ? '<no name>' : JSON.stringify(name.toString());
      name?.release();
      return `Credentials(${text}, ${this.usage})`;
    } catch (error) {
      return `Credentials(<${(error as Error).name}>)`;
    }
  }
}
