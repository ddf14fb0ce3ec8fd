/**
 * Native argument and result shapes of the extension operations in
 * `src/names_ext.cc` (RFC 6680 naming extensions, local-account mapping) and
 * `src/mechs_ext.cc` (RFC 5587 mechanism attributes, RFC 5801 SASL names,
 * RFC 4178 negotiation mechanisms, OID text conversion), merged into
 * {@link NativeArgs} / {@link NativeResults}.
 */
import type { NativeCreds, NativeName, NativeStatus } from './binding.js';

declare module './binding.js' {
  interface NativeArgs {
    displayNameExt: [name: NativeName, nameType: Uint8Array];
    inquireName: [name: NativeName];
    getNameAttribute: [name: NativeName, attr: Uint8Array];
    setNameAttribute: [name: NativeName, attr: Uint8Array, values: Uint8Array[], complete: boolean];
    deleteNameAttribute: [name: NativeName, attr: Uint8Array];
    exportNameComposite: [name: NativeName];
    localname: [name: NativeName, mech: Uint8Array | undefined];
    userok: [name: NativeName, username: Uint8Array];
    authorizeLocalname: [name: NativeName, user: NativeName];
    pnameToUid: [name: NativeName, mech: Uint8Array | undefined];
    setNegMechs: [creds: NativeCreds, mechs: Uint8Array[]];
    getNegMechs: [creds: NativeCreds];
    indicateMechsByAttrs: [
      desired: Uint8Array[] | undefined,
      except: Uint8Array[] | undefined,
      critical: Uint8Array[] | undefined,
    ];
    inquireAttrsForMech: [mech: Uint8Array];
    displayMechAttr: [attr: Uint8Array];
    inquireSaslnameForMech: [mech: Uint8Array];
    inquireMechForSaslname: [saslName: Uint8Array];
    strToOid: [text: Uint8Array];
    oidToStr: [oid: Uint8Array];
  }
  interface NativeResults {
    displayNameExt: NativeStatus & { text?: Buffer };
    inquireName: NativeStatus & { isMechName?: boolean; mech?: Buffer; attrs?: Buffer[] };
    getNameAttribute: NativeStatus & {
      values?: Buffer[];
      displayValues?: Buffer[];
      authenticated?: boolean;
      complete?: boolean;
    };
    setNameAttribute: NativeStatus;
    deleteNameAttribute: NativeStatus;
    exportNameComposite: NativeStatus & { token?: Buffer };
    localname: NativeStatus & { text?: Buffer };
    userok: NativeStatus & { ok?: boolean };
    authorizeLocalname: NativeStatus;
    pnameToUid: NativeStatus & { uid?: number };
    setNegMechs: NativeStatus;
    getNegMechs: NativeStatus & { mechs?: Buffer[] };
    indicateMechsByAttrs: NativeStatus & { mechs?: Buffer[] };
    inquireAttrsForMech: NativeStatus & { mechAttrs?: Buffer[]; knownMechAttrs?: Buffer[] };
    displayMechAttr: NativeStatus & { name?: Buffer; shortDesc?: Buffer; longDesc?: Buffer };
    inquireSaslnameForMech: NativeStatus & { saslMechName?: Buffer; mechName?: Buffer; mechDescription?: Buffer };
    inquireMechForSaslname: NativeStatus & { mech?: Buffer };
    strToOid: NativeStatus & { oid?: Buffer };
    oidToStr: NativeStatus & { text?: Buffer };
  }
}
