/**
 * Structure checks of exported credential tokens before they reach the
 * library. MIT 1.20's krb5 mechanism dereferences a NULL pointer (crashing
 * the process) when the JSON inside its element is valid JSON of another
 * shape, instead of failing the call; a token that does not have the shape
 * MIT writes is refused here with the InvalidTokenError the library returns
 * for tokens it cannot parse.
 *
 * Layout (MIT's mechglue): a sequence of elements, each a 4-byte big-endian
 * OID length, the OID's DER content, a 4-byte token length and the token.
 * SPNEGO's token is itself such a sequence; krb5's is the JSON text
 * `["K5C1", [14 fields]]`.
 * @internal
 */
import { createGSSError } from './errors.js';
import { OID } from './oids.js';
import { GSS_S } from './status.js';

const SPNEGO = OID.fromIntSeq('1.3.6.1.5.5.2').bytes;
const KRB5_FAMILY = ['1.2.840.113554.1.2.2', '1.2.840.48018.1.2.2', '1.3.5.1.5.2', '1.3.6.1.5.2.5'].map(
  (dotted) => OID.fromIntSeq(dotted).bytes,
);

function defective(why: string): never {
  throw createGSSError({
    major: GSS_S.DEFECTIVE_TOKEN,
    minor: 0,
    majorMessages: [`Invalid token was supplied (malformed exported credential: ${why})`],
    operation: 'importCred',
  });
}

function checkKrb5Element(token: Uint8Array): void {
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(token).toString('utf8'));
  } catch {
    defective('the Kerberos element is not JSON');
  }
  if (!Array.isArray(value) || value.length !== 2 || typeof value[0] !== 'string') {
    defective('the Kerberos element is not ["K5C1", [...]]');
  }
  if (!Array.isArray(value[1])) defective('the Kerberos element holds no credential array');
}

/** Throws InvalidTokenError unless `token` has the layout MIT's gss_export_cred writes. */
export function checkExportedCred(token: Uint8Array, depth = 0): void {
  const view = new DataView(token.buffer, token.byteOffset, token.byteLength);
  if (token.length === 0) defective('empty token');
  let offset = 0;
  while (offset < token.length) {
    if (offset + 4 > token.length) defective('truncated mechanism OID length');
    const oidLength = view.getUint32(offset);
    offset += 4;
    if (oidLength === 0 || offset + oidLength + 4 > token.length) defective('bad mechanism OID length');
    const oid = Buffer.from(token.subarray(offset, offset + oidLength));
    offset += oidLength;
    const length = view.getUint32(offset);
    offset += 4;
    if (offset + length > token.length) defective('an element is longer than the token');
    const element = token.subarray(offset, offset + length);
    offset += length;
    if (KRB5_FAMILY.some((krb5) => krb5.equals(oid))) checkKrb5Element(element);
    else if (SPNEGO.equals(oid) && depth === 0) checkExportedCred(element, depth + 1);
  }
}
