/**
 * Structure checks of exported name tokens (RFC 2743 section 3.2, RFC 6680
 * section 7.1) before they reach the library: MIT 1.20's krb5 mechanism
 * asserts (aborting the whole process) on a token with bytes after the name
 * instead of failing the call. A token whose lengths do not add up is refused
 * here with the InvalidTokenError the library returns for malformed exported
 * name tokens (GSS_S_DEFECTIVE_TOKEN).
 * @internal
 */
import { createGSSError } from './errors.js';
import { OID } from './oids.js';
import { GSS_S } from './status.js';

const KRB5 = OID.fromIntSeq('1.2.840.113554.1.2.2').bytes;

function malformed(why: string): never {
  throw createGSSError({
    major: GSS_S.DEFECTIVE_TOKEN,
    minor: 0,
    majorMessages: [`Invalid token was supplied (malformed exported name token: ${why})`],
    operation: 'importName',
  });
}

/**
 * Throws InvalidTokenError unless `token` is laid out as an exported name:
 * 04 01|02, a 2-byte length of the mechanism OID's DER (06 len bytes), that
 * DER, a 4-byte name length, the name and, for a composite (04 02) krb5
 * token, a 4-byte length of the attributes and the attributes; nothing after.
 */
export function checkExportedName(token: Uint8Array): void {
  const view = new DataView(token.buffer, token.byteOffset, token.byteLength);
  if (token.length < 4 || token[0] !== 0x04 || (token[1] !== 0x01 && token[1] !== 0x02)) {
    malformed('it does not start with 04 01 or 04 02');
  }
  const composite = token[1] === 0x02;
  const oidLength = view.getUint16(2);
  let offset = 4;
  if (oidLength < 2 || offset + oidLength > token.length || token[offset] !== 0x06) {
    malformed('bad mechanism OID');
  }
  if (token[offset + 1] !== oidLength - 2) malformed('the mechanism OID length does not match');
  const mech = token.subarray(offset + 2, offset + oidLength);
  offset += oidLength;
  if (offset + 4 > token.length) malformed('truncated before the name length');
  const nameLength = view.getUint32(offset);
  offset += 4;
  if (offset + nameLength > token.length) malformed('the name is longer than the token');
  offset += nameLength;
  if (composite && Buffer.from(mech).equals(KRB5)) {
    if (offset + 4 > token.length) malformed('truncated before the attributes length');
    const attributesLength = view.getUint32(offset);
    offset += 4;
    if (offset + attributesLength > token.length) malformed('the attributes are longer than the token');
    offset += attributesLength;
  }
  if (!composite && offset !== token.length) malformed(`${token.length - offset} bytes after the name`);
  if (composite && Buffer.from(mech).equals(KRB5) && offset !== token.length) {
    malformed(`${token.length - offset} bytes after the attributes`);
  }
}
