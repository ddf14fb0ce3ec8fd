/**
 * Native argument and result shapes of the extension operations in
 * `src/creds_ext*.cc`, merged into {@link NativeArgs} / {@link NativeResults}.
 */
import type { NativeCreds, NativeName, NativeStatus } from './binding.js';

/**
 * A credential store as the addon takes it: `[key, value]` string pairs
 * (a `gss_key_value_set_desc`); undefined for GSS_C_NO_CRED_STORE.
 */
export type NativeCredStore = [key: string, value: string][];

declare module './binding.js' {
  interface NativeArgs {
    storeCred: [
      creds: NativeCreds | undefined,
      usage: number,
      mech: Uint8Array | undefined,
      overwrite: boolean,
      setDefault: boolean,
    ];
    storeCredInto: [
      creds: NativeCreds | undefined,
      usage: number,
      mech: Uint8Array | undefined,
      overwrite: boolean,
      setDefault: boolean,
      store: NativeCredStore | undefined,
    ];
    acquireCredFrom: [
      name: NativeName | undefined,
      lifetime: number,
      mechs: Uint8Array[] | undefined,
      usage: number,
      store: NativeCredStore | undefined,
    ];
    addCredFrom: [
      input: NativeCreds | undefined,
      name: NativeName | undefined,
      mech: Uint8Array,
      usage: number,
      initLifetime: number,
      acceptLifetime: number,
      store: NativeCredStore | undefined,
      mutate: boolean,
    ];
    exportCred: [creds: NativeCreds];
    importCred: [token: Uint8Array];
    acquireCredImpersonateName: [
      impersonator: NativeCreds | undefined,
      name: NativeName,
      lifetime: number,
      mechs: Uint8Array[] | undefined,
      usage: number,
    ];
    addCredImpersonateName: [
      input: NativeCreds | undefined,
      impersonator: NativeCreds | undefined,
      name: NativeName,
      mech: Uint8Array,
      usage: number,
      initLifetime: number,
      acceptLifetime: number,
      mutate: boolean,
    ];
    /** The password is copied natively and the copy zeroed after the call. */
    acquireCredWithPassword: [
      name: NativeName,
      password: Uint8Array,
      lifetime: number,
      mechs: Uint8Array[] | undefined,
      usage: number,
    ];
    /** The password is copied natively and the copy zeroed after the call. */
    addCredWithPassword: [
      input: NativeCreds | undefined,
      name: NativeName,
      mech: Uint8Array,
      password: Uint8Array,
      usage: number,
      initLifetime: number,
      acceptLifetime: number,
      mutate: boolean,
    ];
    setCredOption: [oid: Uint8Array, creds: NativeCreds | undefined, value: Uint8Array | undefined];
  }
  // The acquire- and add-style calls have the result shapes of acquireCred and addCred.
  interface NativeResults {
    storeCred: NativeStatus & { mechs?: Buffer[]; usage?: number };
    storeCredInto: NativeStatus & { mechs?: Buffer[]; usage?: number };
    acquireCredFrom: NativeResults['acquireCred'];
    addCredFrom: NativeResults['addCred'];
    exportCred: NativeStatus & { token?: Buffer };
    importCred: NativeStatus & { creds?: NativeCreds };
    acquireCredImpersonateName: NativeResults['acquireCred'];
    addCredImpersonateName: NativeResults['addCred'];
    acquireCredWithPassword: NativeResults['acquireCred'];
    addCredWithPassword: NativeResults['addCred'];
    /** `creds` only when none were given (the library made new ones). */
    setCredOption: NativeStatus & { creds?: NativeCreds };
  }
}
