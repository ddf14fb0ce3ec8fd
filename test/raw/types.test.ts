import { Buffer } from 'node:buffer';
import { inspect } from 'node:util';
import test from 'ava';
import { AddressType, ChannelBindings } from '../../packages/raw/src/chan_bindings.js';
import {
  BadChannelBindingsError,
  BadMechanismError,
  BadMICError,
  BadNameError,
  BadNameTypeError,
  BadQoPError,
  BadStatusError,
  ContextReadError,
  ContextWriteError,
  CredentialsReadError,
  CredentialsWriteError,
  createGSSError,
  DuplicateCredentialsElementError,
  DuplicateTokenError,
  ExpiredContextError,
  ExpiredCredentialsError,
  ExpiredTokenError,
  ExtensionUnavailableError,
  GSSError,
  InvalidCredentialsError,
  InvalidTokenError,
  MalformedParameterError,
  MechanismNameRequiredError,
  MissingContextError,
  MissingCredentialsError,
  NameReadError,
  NameTypeReadError,
  OperationUnavailableError,
  ParameterReadError,
  ParameterWriteError,
  SupplementaryError,
  TokenOutOfSequenceError,
  TokenReadError,
  TokenTooEarlyError,
  TokenTooLateError,
  UnauthorizedError,
} from '../../packages/raw/src/errors.js';
import { FlagSet, RequirementFlag, type RequirementFlagName } from '../../packages/raw/src/flags.js';
import { OID, OIDSet, oidFromBinding, oidSetFromBinding, oidToBinding } from '../../packages/raw/src/oids.js';
import {
  callingError,
  GSS_S,
  isError,
  routineError,
  STATUS_MASK,
  statusCodeName,
  supplementaryInfo,
} from '../../packages/raw/src/status.js';

const hex = (b: Uint8Array): string => Buffer.from(b).toString('hex');

// ---------------------------------------------------------------- OID

const VECTORS: readonly (readonly [string, string])[] = [
  ['1.2.840.113554.1.2.2', '2a864886f712010202'], // krb5
  ['1.3.6.1.5.5.2', '2b0601050502'], // SPNEGO
  ['1.3.6.1.5.2.5', '2b0601050205'], // IAKERB
  ['1.3.6.1.4.1.311.2.2.10', '2b06010401823702020a'], // NTLM
  ['2.48', '8100'],
  ['2.16304', '818000'],
  ['0.0', '00'],
  ['1.39', '4f'],
  ['2.47', '7f'],
  ['1.2.840.113554.1.2.1.4', '2a864886f71201020104'], // GSS_C_NT_HOSTBASED_SERVICE
];

for (const [dotted, encoded] of VECTORS) {
  test(`OID.fromIntSeq encodes ${dotted} as ${encoded}`, (t) => {
    const fromString = OID.fromIntSeq(dotted);
    t.is(hex(fromString.bytes), encoded);
    const fromArray = OID.fromIntSeq(dotted.split('.').map(Number));
    t.is(hex(fromArray.bytes), encoded);
    const fromBigInts = OID.fromIntSeq(dotted.split('.').map(BigInt));
    t.is(hex(fromBigInts.bytes), encoded);
  });

  test(`OID decodes ${encoded} to ${dotted}`, (t) => {
    const oid = new OID(Buffer.from(encoded, 'hex'));
    t.is(oid.dottedForm, dotted);
    t.is(oid.toString(), dotted);
    t.is(oid.key, dotted);
    t.is(oid.toJSON(), dotted);
    t.is(OID.fromIntSeq(oid.dottedForm).dottedForm, dotted);
  });
}

test('OID handles arcs beyond Number.MAX_SAFE_INTEGER through BigInt', (t) => {
  const big = 2n ** 70n + 5n;
  const oid = OID.fromIntSeq([1n, 3n, big, 7]);
  t.is(oid.dottedForm, `1.3.${big}.7`);
  const again = new OID(oid.bytes);
  t.is(again.dottedForm, `1.3.${big}.7`);
  t.true(again.equals(oid));
  t.is(OID.fromIntSeq(`2.${big}`).dottedForm, `2.${big}`);
  // 2^53 exactly as a string is fine (parsed as BigInt), as a number it is rejected as unsafe.
  t.is(OID.fromIntSeq('1.2.9007199254740992').dottedForm, '1.2.9007199254740992');
  t.throws(() => OID.fromIntSeq([1, 2, 2 ** 53]), { instanceOf: RangeError, message: /seq/ });
});

test('OID accepts any Uint8Array and copies it', (t) => {
  const backing = new Uint8Array([0xff, 0x2b, 0x06, 0x01, 0x05, 0x05, 0x02, 0xff]);
  const view = backing.subarray(1, 7);
  const oid = new OID(view);
  t.is(oid.dottedForm, '1.3.6.1.5.5.2');
  view[5] = 0x03;
  t.is(hex(oid.bytes), '2b0601050502');
  const copy = oid.bytes;
  t.true(Buffer.isBuffer(copy));
  copy[0] = 0;
  t.is(hex(oid.bytes), '2b0601050502');
});

test('OID constructor rejects bad DER with errors naming der', (t) => {
  t.throws(() => new OID('2a03' as unknown as Uint8Array), { instanceOf: TypeError, message: /der/ });
  t.throws(() => new OID([0x2a, 0x03] as unknown as Uint8Array), { instanceOf: TypeError, message: /der/ });
  t.throws(() => new OID(undefined as unknown as Uint8Array), { instanceOf: TypeError, message: /der/ });
  t.throws(() => new OID(new Uint8Array(0)), { instanceOf: RangeError, message: /der/ });
  t.throws(() => new OID(Uint8Array.of(0x2a, 0x86)), { instanceOf: RangeError, message: /der/ });
  t.throws(() => new OID(Uint8Array.of(0x80, 0x01)), { instanceOf: RangeError, message: /der/ });
  t.throws(() => new OID(Uint8Array.of(0x2a, 0x80, 0x01)), { instanceOf: RangeError, message: /der/ });
  // 0x80 inside an arc (not leading) is legal: 1.2.128 -> 2a 81 00
  t.is(new OID(Uint8Array.of(0x2a, 0x81, 0x00)).dottedForm, '1.2.128');
});

test('OID.fromIntSeq rejects bad sequences', (t) => {
  const range = { instanceOf: RangeError, message: /seq/ };
  const type = { instanceOf: TypeError, message: /seq/ };
  t.throws(() => OID.fromIntSeq('1'), range);
  t.throws(() => OID.fromIntSeq([1]), range);
  t.throws(() => OID.fromIntSeq([]), range);
  t.throws(() => OID.fromIntSeq(''), range);
  t.throws(() => OID.fromIntSeq('3.1'), range);
  t.throws(() => OID.fromIntSeq([3, 1]), range);
  t.throws(() => OID.fromIntSeq('0.40'), range);
  t.throws(() => OID.fromIntSeq([1, 40]), range);
  t.throws(() => OID.fromIntSeq([1n, 40n]), range);
  t.throws(() => OID.fromIntSeq('1.2.-3'), range);
  t.throws(() => OID.fromIntSeq([1, 2, -3]), range);
  t.throws(() => OID.fromIntSeq([1, 2, -3n]), range);
  t.throws(() => OID.fromIntSeq([1, 2, 1.5]), range);
  t.throws(() => OID.fromIntSeq([1, 2, Number.NaN]), range);
  t.throws(() => OID.fromIntSeq('1.2.x'), range);
  t.throws(() => OID.fromIntSeq('1..2'), range);
  t.throws(() => OID.fromIntSeq('1.2.'), range);
  t.throws(() => OID.fromIntSeq(' 1.2'), range);
  t.throws(() => OID.fromIntSeq(12 as unknown as string), type);
  t.throws(() => OID.fromIntSeq(null as unknown as string), type);
  t.throws(() => OID.fromIntSeq([1, '2'] as unknown as number[]), type);
  // 2.x allows any second arc.
  t.is(OID.fromIntSeq([2, 999]).dottedForm, '2.999');
});

test('OID equality, key and inspection are value based', (t) => {
  const a = OID.fromIntSeq('1.2.840.113554.1.2.2');
  const b = new OID(Buffer.from('2a864886f712010202', 'hex'));
  const c = OID.fromIntSeq('1.2.840.113554.1.2.3');
  t.not(a, b);
  t.true(a.equals(b));
  t.true(b.equals(a));
  t.false(a.equals(c));
  t.false(a.equals('1.2.840.113554.1.2.2' as unknown as OID));
  t.is(a.key, b.key);
  t.not(a.key, c.key);
  const map = new Map([[a.key, 'krb5']]);
  t.is(map.get(b.key), 'krb5');
  t.is(inspect(a), 'OID(1.2.840.113554.1.2.2)');
  t.is(`${a}`, '1.2.840.113554.1.2.2');
  t.is(JSON.stringify({ mech: a }), '{"mech":"1.2.840.113554.1.2.2"}');
  t.true(OID.isOID(a));
  t.false(OID.isOID('1.2.3'));
  t.false(OID.isOID({ dottedForm: '1.2.3' }));
  t.true(Object.isFrozen(a));
  t.throws(() => {
    (a as unknown as { dottedForm: string }).dottedForm = '1.2.3';
  });
});

test('OIDSet compares members by value and keeps insertion order', (t) => {
  const krb5 = OID.fromIntSeq('1.2.840.113554.1.2.2');
  const spnego = OID.fromIntSeq('1.3.6.1.5.5.2');
  const ntlm = OID.fromIntSeq('1.3.6.1.4.1.311.2.2.10');
  const set = new OIDSet([spnego, krb5, OID.fromIntSeq('1.3.6.1.5.5.2')]);
  t.is(set.size, 2);
  t.true(set.has(OID.fromIntSeq([1, 3, 6, 1, 5, 5, 2])));
  t.true(set.has(krb5));
  t.false(set.has(ntlm));
  t.false(set.has('1.3.6.1.5.5.2' as unknown as OID));
  t.deepEqual(
    [...set].map((o) => o.dottedForm),
    ['1.3.6.1.5.5.2', '1.2.840.113554.1.2.2'],
  );
  t.is([...set][0], spnego, 'the first of duplicates is kept');
  t.deepEqual(set.toArray().map(String), ['1.3.6.1.5.5.2', '1.2.840.113554.1.2.2']);
  t.deepEqual([...set.keys()], [...set.values()]);
  t.deepEqual(
    [...set.entries()].map(([k, v]) => [k.key, v.key]),
    [
      ['1.3.6.1.5.5.2', '1.3.6.1.5.5.2'],
      ['1.2.840.113554.1.2.2', '1.2.840.113554.1.2.2'],
    ],
  );
  const seen: string[] = [];
  const ctx = { tag: 'ctx' };
  set.forEach(function (this: typeof ctx, value, key, s) {
    t.is(value, key);
    t.is(s, set);
    t.is(this, ctx);
    seen.push(value.key);
  }, ctx);
  t.deepEqual(seen, ['1.3.6.1.5.5.2', '1.2.840.113554.1.2.2']);
  t.true(Object.isFrozen(set));
  t.is(JSON.stringify(set), '["1.3.6.1.5.5.2","1.2.840.113554.1.2.2"]');
  t.is(inspect(set), 'OIDSet(2) { 1.3.6.1.5.5.2, 1.2.840.113554.1.2.2 }');
  t.is(inspect(new OIDSet()), 'OIDSet(0) {}');
  const toArray = set.toArray();
  toArray.pop();
  t.is(set.size, 2, 'toArray returns a copy');
  const readonly: ReadonlySet<OID> = set;
  t.true(readonly.has(krb5));
});

test('OIDSet.from and validation', (t) => {
  function* gen(): Generator<OID> {
    yield OID.fromIntSeq('1.2.3');
    yield OID.fromIntSeq('1.2.4');
  }
  const set = OIDSet.from(gen());
  t.true(set instanceof OIDSet);
  t.deepEqual(set.toArray().map(String), ['1.2.3', '1.2.4']);
  t.throws(() => new OIDSet(['1.2.3'] as unknown as OID[]), { instanceOf: TypeError, message: /oids\[0\]/ });
  t.throws(() => new OIDSet(5 as unknown as OID[]), { instanceOf: TypeError, message: /oids/ });
  t.throws(() => OIDSet.from(null as unknown as OID[]), { instanceOf: TypeError, message: /oids/ });
});

test('oidFromBinding interns by bytes; oidSetFromBinding builds sets', (t) => {
  const a = oidFromBinding(Buffer.from('2a864886f712010202', 'hex'));
  const b = oidFromBinding(Buffer.from('2a864886f712010202', 'hex'));
  t.is(a, b);
  t.is(a.dottedForm, '1.2.840.113554.1.2.2');
  const c = oidFromBinding(Buffer.from('2b0601050502', 'hex'));
  t.not(a, c);
  const set = oidSetFromBinding([Buffer.from('2b0601050502', 'hex'), Buffer.from('2a864886f712010202', 'hex')]);
  t.is(set.size, 2);
  t.is(set.toArray()[0], c);
  t.is(set.toArray()[1], a);
  t.true(set.has(OID.fromIntSeq('1.2.840.113554.1.2.2')));
  t.throws(() => oidFromBinding(Buffer.alloc(0)), { instanceOf: RangeError });
  t.throws(() => oidSetFromBinding('x' as unknown as Buffer[]), { instanceOf: TypeError });
  t.is(hex(oidToBinding(a)), '2a864886f712010202');
  t.throws(() => oidToBinding('1.2.3' as unknown as OID, 'mech'), { instanceOf: TypeError, message: /mech/ });
});

// ---------------------------------------------------------------- flags

test('RequirementFlag has the C values', (t) => {
  t.is(RequirementFlag.delegateToPeer, 1);
  t.is(RequirementFlag.mutualAuthentication, 2);
  t.is(RequirementFlag.replayDetection, 4);
  t.is(RequirementFlag.outOfSequenceDetection, 8);
  t.is(RequirementFlag.confidentiality, 16);
  t.is(RequirementFlag.integrity, 32);
  t.is(RequirementFlag.anonymity, 64);
  t.is(RequirementFlag.protectionReady, 128);
  t.is(RequirementFlag.transferable, 256);
  t.is(RequirementFlag.channelBound, 2048);
  t.is(RequirementFlag.dceStyle, 4096);
  t.is(RequirementFlag.identify, 8192);
  t.is(RequirementFlag.extendedError, 16384);
  t.is(RequirementFlag.okAsDelegate, 32768);
});

test('FlagSet from a number, names, enum members and another FlagSet', (t) => {
  const fromNumber = FlagSet.from(0x0a);
  t.is(fromNumber.value, 10);
  t.deepEqual(fromNumber.names(), ['mutualAuthentication', 'outOfSequenceDetection']);
  const fromNames = FlagSet.from(['outOfSequenceDetection', 'mutualAuthentication']);
  t.is(fromNames.value, 10);
  const fromEnum = FlagSet.from([RequirementFlag.mutualAuthentication, RequirementFlag.outOfSequenceDetection]);
  t.is(fromEnum.value, 10);
  const mixed = FlagSet.from(
    new Set<RequirementFlag | RequirementFlagName>(['integrity', RequirementFlag.confidentiality]),
  );
  t.is(mixed.value, 48);
  t.is(FlagSet.from(fromEnum), fromEnum, 'a FlagSet is returned as is');
  t.true(fromNumber.equals(fromNames));
  t.true(fromNames.equals(10));
  t.true(fromNames.equals(['mutualAuthentication', 'outOfSequenceDetection']));
  t.false(fromNames.equals(2));
  t.is(new FlagSet().value, 0);
  t.is(new FlagSet(fromEnum).value, 10);
  t.is(FlagSet.from(0xffffffff).value, 0xffffffff);
  t.is(FlagSet.from([]).value, 0);
});

test('FlagSet has/with/without/union/intersection', (t) => {
  const flags = FlagSet.from(['mutualAuthentication', 'integrity']);
  t.true(flags.has('mutualAuthentication'));
  t.true(flags.has(RequirementFlag.integrity));
  t.false(flags.has('confidentiality'));
  t.false(flags.has(RequirementFlag.delegateToPeer));

  const more = flags.with('confidentiality', RequirementFlag.replayDetection);
  t.is(more.value, 2 | 32 | 16 | 4);
  t.is(flags.value, 34, 'with() does not change the original');
  t.not(more, flags);

  const less = more.without(RequirementFlag.integrity, 'replayDetection');
  t.is(less.value, 2 | 16);
  t.is(less.without('anonymity').value, 18, 'removing an unset flag is a no-op');

  t.is(flags.union(FlagSet.from(16)).value, 50);
  t.is(flags.union(['delegateToPeer']).value, 35);
  t.is(flags.union(0x80000000).value, 0x80000022);
  t.is(flags.intersection(0x22 | 0x10).value, 0x22);
  t.is(flags.intersection(['integrity', 'anonymity']).value, 32);
  t.true(flags.intersection(0).isEmpty);
});

test('FlagSet iteration, size, strings and unknown bits', (t) => {
  const flags = FlagSet.from((0x80010000 | 0x22 | 0x8000) >>> 0);
  t.is(flags.value, 0x80018022, 'unknown bits are kept, value stays unsigned');
  t.true(flags.value > 0);
  t.deepEqual(
    [...flags],
    [RequirementFlag.mutualAuthentication, RequirementFlag.integrity, RequirementFlag.okAsDelegate],
  );
  t.deepEqual(flags.names(), ['mutualAuthentication', 'integrity', 'okAsDelegate']);
  t.is(flags.size, 3);
  t.false(flags.isEmpty);
  t.is(flags.toString(), 'FlagSet(mutualAuthentication|integrity|okAsDelegate|0x80010000)');
  t.is(inspect(flags), flags.toString());
  t.deepEqual(flags.toJSON(), ['mutualAuthentication', 'integrity', 'okAsDelegate']);
  t.is(JSON.stringify(FlagSet.from(10)), '["mutualAuthentication","outOfSequenceDetection"]');
  t.is(FlagSet.from(10).toString(), 'FlagSet(mutualAuthentication|outOfSequenceDetection)');
  t.is(String(FlagSet.from(0)), 'FlagSet()');
  t.is(+flags, 0x80018022);
  t.is(flags.valueOf(), 0x80018022);
  t.true(FlagSet.from(0).isEmpty);
  t.is(FlagSet.from(0).size, 0);
  const onlyUnknown = FlagSet.from(0x10000);
  t.false(onlyUnknown.isEmpty);
  t.is(onlyUnknown.size, 0);
  t.deepEqual([...onlyUnknown], []);
  // Without/with keep unknown bits.
  t.is(flags.without('integrity').value, 0x80018002);
  t.is(flags.with('anonymity').value, 0x80018062);
  // Bit order, not insertion order.
  t.deepEqual(FlagSet.from(['okAsDelegate', 'delegateToPeer', 'channelBound']).names(), [
    'delegateToPeer',
    'channelBound',
    'okAsDelegate',
  ]);
  // Every member round-trips through names.
  const all = FlagSet.from(Object.values(RequirementFlag).filter((v): v is RequirementFlag => typeof v === 'number'));
  t.is(all.size, 14);
  t.is(FlagSet.from(all.names()).value, all.value);
  t.true(Object.isFrozen(flags));
});

test('FlagSet validation errors name the argument', (t) => {
  t.throws(() => FlagSet.from(-1), { instanceOf: RangeError, message: /^flags/ });
  t.throws(() => FlagSet.from(0x100000000), { instanceOf: RangeError, message: /flags/ });
  t.throws(() => FlagSet.from(1.5, 'reqFlags'), { instanceOf: RangeError, message: /^reqFlags/ });
  t.throws(() => FlagSet.from(Number.NaN, 'reqFlags'), { instanceOf: RangeError, message: /reqFlags/ });
  t.throws(() => FlagSet.from(['mutual'] as unknown as RequirementFlagName[], 'reqFlags'), {
    instanceOf: TypeError,
    message: /reqFlags\[0\].*mutual/,
  });
  t.throws(() => FlagSet.from([2, 3] as RequirementFlag[]), { instanceOf: RangeError, message: /flags\[1\]/ });
  t.throws(() => FlagSet.from([1024] as unknown as RequirementFlag[]), { instanceOf: RangeError });
  t.throws(() => FlagSet.from([true] as unknown as RequirementFlag[]), { instanceOf: TypeError });
  t.throws(() => FlagSet.from('mutualAuthentication' as unknown as RequirementFlagName[]), { instanceOf: TypeError });
  t.throws(() => FlagSet.from(null as unknown as number), { instanceOf: TypeError, message: /flags/ });
  t.throws(() => FlagSet.from(3n as unknown as number), { instanceOf: TypeError });
  t.throws(() => FlagSet.from({} as unknown as number), { instanceOf: TypeError });
  const flags = FlagSet.from(2);
  t.throws(() => flags.has('nope' as RequirementFlagName), { instanceOf: TypeError });
  t.throws(() => flags.has(3 as RequirementFlag), { instanceOf: RangeError });
  t.throws(() => flags.with('nope' as RequirementFlagName), { instanceOf: TypeError });
  t.throws(() => flags.without(0 as RequirementFlag), { instanceOf: RangeError });
  t.throws(() => flags.union(-5), { instanceOf: RangeError, message: /other/ });
});

// ---------------------------------------------------------------- channel bindings

test('AddressType values', (t) => {
  const expected: Record<string, number> = {
    unspecified: 0,
    local: 1,
    ip: 2,
    arpanet: 3,
    pup: 4,
    chaos: 5,
    xeroxNs: 6,
    nbs: 7,
    ecma: 8,
    datakit: 9,
    ccitt: 10,
    ibmSna: 11,
    decnet: 12,
    dli: 13,
    lat: 14,
    hyperchannel: 15,
    appletalk: 16,
    bisync: 17,
    dss: 18,
    osiTp4: 19,
    x25: 21,
    null: 255,
  };
  for (const [name, value] of Object.entries(expected)) {
    t.is((AddressType as unknown as Record<string, number>)[name], value, name);
  }
  t.is(Object.keys(AddressType).filter((k) => Number.isNaN(Number(k))).length, Object.keys(expected).length);
});

test('ChannelBindings normalises fields', (t) => {
  const empty = new ChannelBindings();
  t.is(empty.initiatorAddressType, 0);
  t.is(empty.acceptorAddressType, 0);
  t.is(empty.initiatorAddress, undefined);
  t.is(empty.acceptorAddress, undefined);
  t.is(empty.applicationData, undefined);
  t.deepEqual(empty.toBinding(), [0, undefined, 0, undefined, undefined]);

  const source = Uint8Array.of(127, 0, 0, 1);
  const cb = new ChannelBindings({
    initiatorAddressType: AddressType.ip,
    initiatorAddress: source,
    acceptorAddressType: 0xffffffff,
    acceptorAddress: 'héllo',
    applicationData: Buffer.from('data'),
  });
  t.is(cb.initiatorAddressType, 2);
  t.is(cb.acceptorAddressType, 0xffffffff);
  t.true(Buffer.isBuffer(cb.initiatorAddress));
  t.is(hex(cb.initiatorAddress as Buffer), '7f000001');
  t.is(hex(cb.acceptorAddress as Buffer), hex(Buffer.from('héllo', 'utf8')));
  t.is((cb.acceptorAddress as Buffer).length, 6, 'UTF-8');
  t.is((cb.applicationData as Buffer).toString(), 'data');

  // Copies: mutating the input or an output does not change the bindings.
  source[0] = 10;
  (cb.initiatorAddress as Buffer)[1] = 9;
  t.is(hex(cb.initiatorAddress as Buffer), '7f000001');
  const binding = cb.toBinding();
  t.is(binding.length, 5);
  t.is(binding[0], 2);
  t.is(hex(binding[1] as Buffer), '7f000001');
  t.is(binding[2], 0xffffffff);
  t.is((binding[3] as Buffer).toString('utf8'), 'héllo');
  t.is((binding[4] as Buffer).toString(), 'data');
  (binding[4] as Buffer)[0] = 0;
  t.is((cb.applicationData as Buffer).toString(), 'data');

  t.true(Object.isFrozen(cb));
  t.throws(() => {
    (cb as unknown as { initiatorAddressType: number }).initiatorAddressType = 3;
  });
  t.is(cb.initiatorAddressType, 2);

  const nulls = new ChannelBindings({
    initiatorAddressType: null as unknown as number,
    applicationData: null as unknown as string,
  });
  t.deepEqual(nulls.toBinding(), [0, undefined, 0, undefined, undefined]);
  t.is(new ChannelBindings({ applicationData: new Uint8Array(0) }).applicationData?.length, 0);
  t.regex(inspect(cb), /ChannelBindings \{ initiatorAddressType: 2, initiatorAddress: 7f000001/);
});

test('ChannelBindings validation names the field', (t) => {
  t.throws(() => new ChannelBindings({ initiatorAddressType: '2' as unknown as number }), {
    instanceOf: TypeError,
    message: /initiatorAddressType/,
  });
  t.throws(() => new ChannelBindings({ acceptorAddressType: -1 }), {
    instanceOf: RangeError,
    message: /acceptorAddressType/,
  });
  t.throws(() => new ChannelBindings({ acceptorAddressType: 1.5 }), {
    instanceOf: RangeError,
    message: /acceptorAddressType/,
  });
  t.throws(() => new ChannelBindings({ initiatorAddressType: 2 ** 32 }), {
    instanceOf: RangeError,
    message: /initiatorAddressType/,
  });
  t.throws(() => new ChannelBindings({ initiatorAddress: 5 as unknown as string }), {
    instanceOf: TypeError,
    message: /initiatorAddress/,
  });
  t.throws(() => new ChannelBindings({ acceptorAddress: [1, 2] as unknown as Uint8Array }), {
    instanceOf: TypeError,
    message: /acceptorAddress/,
  });
  t.throws(() => new ChannelBindings({ applicationData: new ArrayBuffer(2) as unknown as Uint8Array }), {
    instanceOf: TypeError,
    message: /applicationData/,
  });
  t.throws(() => new ChannelBindings(null as unknown as object), { instanceOf: TypeError, message: /init/ });
  t.throws(() => new ChannelBindings('x' as unknown as object), { instanceOf: TypeError, message: /init/ });
});

test('ChannelBindings TLS helpers build the RFC 5929 / 9266 application data', (t) => {
  const hash = Buffer.from('00ff10', 'hex');
  const endPoint = ChannelBindings.tlsServerEndPoint(hash);
  t.is(hex(endPoint.applicationData as Buffer), `${Buffer.from('tls-server-end-point:').toString('hex')}00ff10`);
  t.is(endPoint.initiatorAddressType, 0);
  t.is(endPoint.initiatorAddress, undefined);
  t.is(endPoint.acceptorAddress, undefined);
  t.is(
    (ChannelBindings.tlsUnique(Uint8Array.of(0x41, 0x42)).applicationData as Buffer).toString('latin1'),
    'tls-unique:AB',
  );
  const ekm = Buffer.alloc(32, 7);
  const exporter = ChannelBindings.tlsExporter(ekm).applicationData as Buffer;
  t.is(exporter.subarray(0, 13).toString(), 'tls-exporter:');
  t.true(exporter.subarray(13).equals(ekm));
  t.is(exporter.length, 45);
  t.throws(() => ChannelBindings.tlsServerEndPoint('abc' as unknown as Uint8Array), {
    instanceOf: TypeError,
    message: /certHash/,
  });
  t.throws(() => ChannelBindings.tlsUnique(new Uint8Array(0)), { instanceOf: RangeError, message: /finished/ });
  t.throws(() => ChannelBindings.tlsExporter(undefined as unknown as Uint8Array), {
    instanceOf: TypeError,
    message: /keyingMaterial/,
  });
});

// ---------------------------------------------------------------- status

const S_ALL: Readonly<Record<string, number>> = GSS_S;

test('GSS_S constants follow RFC 2744', (t) => {
  const GSS_S: Readonly<Record<string, number>> = S_ALL;
  t.is(GSS_S.COMPLETE, 0);
  t.is(GSS_S.CONTINUE_NEEDED, 1);
  t.is(GSS_S.GAP_TOKEN, 16);
  t.is(GSS_S.CALL_INACCESSIBLE_READ, 1 << 24);
  t.is(GSS_S.CALL_INACCESSIBLE_WRITE, 2 << 24);
  t.is(GSS_S.CALL_BAD_STRUCTURE, 3 << 24);
  t.is(GSS_S.BAD_MECH, 1 << 16);
  t.is(GSS_S.BAD_SIG, GSS_S.BAD_MIC);
  t.is(GSS_S.FAILURE, 0xd0000);
  t.is(GSS_S.NAME_NOT_MN, 18 << 16);
  t.is(GSS_S.BAD_MECH_ATTR, 19 << 16);
  t.is(STATUS_MASK.calling, 0xff000000);
});

test('status part helpers mask unsigned', (t) => {
  const major = (GSS_S.CALL_INACCESSIBLE_WRITE | GSS_S.NO_CONTEXT | GSS_S.OLD_TOKEN) >>> 0;
  t.is(callingError(major), GSS_S.CALL_INACCESSIBLE_WRITE);
  t.is(routineError(major), GSS_S.NO_CONTEXT);
  t.is(supplementaryInfo(major), GSS_S.OLD_TOKEN);
  // A signed 32-bit value (as C's OM_uint32 may arrive through some paths) stays unsigned.
  t.is(callingError(0xff000000 | 0), 0xff000000);
  t.is(callingError(-1), 0xff000000);
  t.is(routineError(-1), 0x00ff0000);
  t.is(supplementaryInfo(-1), 0xffff);
  t.true(isError(GSS_S.FAILURE));
  t.true(isError(GSS_S.CALL_INACCESSIBLE_READ));
  t.true(isError(-1));
  t.false(isError(GSS_S.COMPLETE));
  t.false(isError(GSS_S.CONTINUE_NEEDED));
  t.false(isError(GSS_S.DUPLICATE_TOKEN | GSS_S.GAP_TOKEN));
});

test('statusCodeName', (t) => {
  t.is(statusCodeName(0), 'GSS_S_COMPLETE');
  t.is(statusCodeName(GSS_S.BAD_SIG), 'GSS_S_BAD_MIC');
  t.is(statusCodeName(GSS_S.FAILURE), 'GSS_S_FAILURE');
  t.is(statusCodeName(GSS_S.DUPLICATE_TOKEN), 'GSS_S_DUPLICATE_TOKEN');
  t.is(statusCodeName(GSS_S.CONTINUE_NEEDED), 'GSS_S_CONTINUE_NEEDED');
  t.is(
    statusCodeName(GSS_S.CALL_INACCESSIBLE_READ | GSS_S.NO_CONTEXT),
    'GSS_S_CALL_INACCESSIBLE_READ|GSS_S_NO_CONTEXT',
  );
  t.is(
    statusCodeName(GSS_S.CALL_BAD_STRUCTURE | GSS_S.BAD_MIC | GSS_S.DUPLICATE_TOKEN | GSS_S.GAP_TOKEN),
    'GSS_S_CALL_BAD_STRUCTURE|GSS_S_BAD_MIC|GSS_S_DUPLICATE_TOKEN|GSS_S_GAP_TOKEN',
  );
  t.is(statusCodeName(GSS_S.BAD_MECH_ATTR), 'GSS_S_BAD_MECH_ATTR');
  t.is(statusCodeName(GSS_S.NAME_NOT_MN), 'GSS_S_NAME_NOT_MN');
  // Values without a name are shown in hex.
  t.is(statusCodeName(0x04000000), '0x04000000');
  t.is(statusCodeName(0x00ff0000 | 0x8000), '0x00ff0000|0x00008000');
  t.is(statusCodeName(0x00090000 | 0x20 | 0x1), 'GSS_S_DEFECTIVE_TOKEN|GSS_S_CONTINUE_NEEDED|0x00000020');
});

// ---------------------------------------------------------------- errors

type ErrorClass = new (init: { major: number; minor: number }) => GSSError;

const S = GSS_S;
const READ = S.CALL_INACCESSIBLE_READ;
const WRITE = S.CALL_INACCESSIBLE_WRITE;

/** Every class that createGSSError can produce, with a major status that selects it. */
const REACHABLE: readonly (readonly [number, ErrorClass])[] = [
  [READ, ParameterReadError],
  [WRITE, ParameterWriteError],
  [S.CALL_BAD_STRUCTURE, MalformedParameterError],
  [S.BAD_MECH, BadMechanismError],
  [S.BAD_NAME, BadNameError],
  [S.BAD_NAMETYPE, BadNameTypeError],
  [S.BAD_BINDINGS, BadChannelBindingsError],
  [S.BAD_STATUS, BadStatusError],
  [S.BAD_MIC, BadMICError],
  [S.NO_CRED, MissingCredentialsError],
  [S.NO_CONTEXT, MissingContextError],
  [S.DEFECTIVE_TOKEN, InvalidTokenError],
  [S.DEFECTIVE_CREDENTIAL, InvalidCredentialsError],
  [S.CREDENTIALS_EXPIRED, ExpiredCredentialsError],
  [S.CONTEXT_EXPIRED, ExpiredContextError],
  [S.BAD_QOP, BadQoPError],
  [S.UNAUTHORIZED, UnauthorizedError],
  [S.UNAVAILABLE, OperationUnavailableError],
  [S.DUPLICATE_ELEMENT, DuplicateCredentialsElementError],
  [S.NAME_NOT_MN, MechanismNameRequiredError],
  [READ | S.BAD_NAME, NameReadError],
  [READ | S.BAD_NAMETYPE, NameTypeReadError],
  [READ | S.DEFECTIVE_TOKEN, TokenReadError],
  [READ | S.NO_CONTEXT, ContextReadError],
  [READ | S.NO_CRED, CredentialsReadError],
  [WRITE | S.NO_CONTEXT, ContextWriteError],
  [WRITE | S.NO_CRED, CredentialsWriteError],
  [S.DUPLICATE_TOKEN, DuplicateTokenError],
  [S.OLD_TOKEN, ExpiredTokenError],
  [S.UNSEQ_TOKEN, TokenTooLateError],
  [S.GAP_TOKEN, TokenTooEarlyError],
  [S.FAILURE, GSSError],
];

for (const [major, cls] of REACHABLE) {
  test(`createGSSError(0x${major.toString(16).padStart(8, '0')}) is exactly ${cls.name}`, (t) => {
    const err = createGSSError({ major, minor: 0 });
    t.is(Object.getPrototypeOf(err), cls.prototype);
    t.is(err.name, cls.name);
    t.true(err instanceof GSSError);
    t.true(err instanceof Error);
    t.is(err.major, major);
    t.is(err.code, statusCodeName(major));
    // Direct construction gives the same class and fields.
    const direct = new cls({ major, minor: 0 });
    t.is(Object.getPrototypeOf(direct), cls.prototype);
    t.is(direct.name, cls.name);
    t.is(direct.message, err.message);
  });
}

test('error precedence: calling > routine > supplementary', (t) => {
  const cls = (major: number): string => createGSSError({ major, minor: 0 }).name;
  t.is(cls(WRITE | S.BAD_NAME), 'ParameterWriteError');
  t.is(cls(S.BAD_SIG | S.DUPLICATE_TOKEN), 'BadMICError');
  t.is(cls(S.FAILURE | S.DUPLICATE_TOKEN), 'DuplicateTokenError');
  t.is(cls(S.DUPLICATE_TOKEN | S.UNSEQ_TOKEN), 'GSSError');
  t.is(cls(0x12), 'GSSError');
  t.is(cls(S.FAILURE), 'GSSError');
  t.is(cls(READ | S.FAILURE), 'ParameterReadError');
  t.is(cls(READ | S.DUPLICATE_TOKEN), 'ParameterReadError');
  t.is(cls(READ | S.BAD_NAME | S.OLD_TOKEN), 'NameReadError');
  t.is(cls(READ | S.BAD_MECH), 'ParameterReadError');
  t.is(cls(WRITE | S.DEFECTIVE_TOKEN), 'ParameterWriteError');
  t.is(cls(S.CALL_BAD_STRUCTURE | S.NO_CONTEXT), 'MalformedParameterError');
  t.is(cls(S.DEFECTIVE_TOKEN | S.OLD_TOKEN), 'InvalidTokenError');
  t.is(cls(S.CONTEXT_EXPIRED | S.GAP_TOKEN), 'ExpiredContextError');
  t.is(cls(S.FAILURE | S.GAP_TOKEN), 'TokenTooEarlyError');
  t.is(cls(0x04000000 | S.BAD_NAME), 'GSSError', 'unknown calling code');
  t.is(cls(0x00ff0000), 'GSSError', 'unknown routine code');
  t.is(cls(S.BAD_MECH_ATTR), 'GSSError', 'no class for BAD_MECH_ATTR');
  t.is(cls(S.CONTINUE_NEEDED), 'GSSError');
  t.is(cls(0), 'GSSError');
});

test('combined classes answer instanceof for both parents', (t) => {
  const combined: readonly (readonly [number, ErrorClass, ErrorClass, ErrorClass])[] = [
    [READ | S.BAD_NAME, NameReadError, ParameterReadError, BadNameError],
    [READ | S.BAD_NAMETYPE, NameTypeReadError, ParameterReadError, BadNameTypeError],
    [READ | S.DEFECTIVE_TOKEN, TokenReadError, ParameterReadError, InvalidTokenError],
    [READ | S.NO_CONTEXT, ContextReadError, ParameterReadError, MissingContextError],
    [READ | S.NO_CRED, CredentialsReadError, ParameterReadError, MissingCredentialsError],
    [WRITE | S.NO_CONTEXT, ContextWriteError, ParameterWriteError, MissingContextError],
    [WRITE | S.NO_CRED, CredentialsWriteError, ParameterWriteError, MissingCredentialsError],
  ];
  for (const [major, cls, calling, routine] of combined) {
    const err = createGSSError({ major, minor: 0 });
    t.true(err instanceof cls, cls.name);
    t.true(err instanceof calling, `${cls.name} instanceof ${calling.name}`);
    t.true(err instanceof routine, `${cls.name} instanceof ${routine.name}`);
    t.true(err instanceof GSSError);
  }
  const tokenRead = createGSSError({ major: READ | S.DEFECTIVE_TOKEN, minor: 0 });
  t.true(
    tokenRead instanceof TokenReadError &&
      tokenRead instanceof InvalidTokenError &&
      tokenRead instanceof ParameterReadError,
  );

  // And no false positives.
  t.false(tokenRead instanceof BadNameError);
  t.false(tokenRead instanceof MissingContextError);
  t.false(tokenRead instanceof ParameterWriteError);
  const contextWrite = createGSSError({ major: WRITE | S.NO_CONTEXT, minor: 0 });
  t.false(contextWrite instanceof ParameterReadError);
  t.false(contextWrite instanceof MissingCredentialsError);
  t.false(createGSSError({ major: S.BAD_NAME, minor: 0 }) instanceof ParameterReadError);
  t.false(createGSSError({ major: S.BAD_NAME, minor: 0 }) instanceof NameReadError);
  t.false(createGSSError({ major: S.NO_CRED, minor: 0 }) instanceof CredentialsReadError);
  t.false(createGSSError({ major: S.BAD_MIC, minor: 0 }) instanceof BadNameError);
  t.false(new Error('x') instanceof BadNameError);
  t.false((null as unknown) instanceof InvalidTokenError);
  t.false(('x' as unknown) instanceof MissingContextError);

  // Supplementary parents.
  const late = createGSSError({ major: S.UNSEQ_TOKEN, minor: 0 });
  t.true(late instanceof TokenOutOfSequenceError);
  t.true(late instanceof SupplementaryError);
  t.false(createGSSError({ major: S.DUPLICATE_TOKEN, minor: 0 }) instanceof TokenOutOfSequenceError);
  t.true(createGSSError({ major: S.OLD_TOKEN, minor: 0 }) instanceof SupplementaryError);

  // A user subclass of a routine class keeps ordinary instanceof semantics.
  class MyBadName extends BadNameError {}
  t.true(new MyBadName({ major: S.BAD_NAME, minor: 0 }) instanceof BadNameError);
  t.true(new MyBadName({ major: S.BAD_NAME, minor: 0 }) instanceof MyBadName);
  t.false(createGSSError({ major: READ | S.BAD_NAME, minor: 0 }) instanceof MyBadName);
});

test('GSSError fields and message', (t) => {
  const mech = OID.fromIntSeq('1.2.840.113554.1.2.2');
  const token = Buffer.from('6003', 'hex');
  const err = createGSSError({
    major: S.DEFECTIVE_TOKEN,
    minor: -1765328353,
    majorMessages: ['Defective token detected'],
    minorMessages: ['Decrypt integrity check failed', 'extra detail'],
    mech,
    token,
    operation: 'acceptSecContext',
  });
  t.true(err instanceof InvalidTokenError);
  t.is(err.major, 0x90000);
  t.is(err.minor, 2529638943, 'minor is unsigned');
  t.is(err.callingCode, 0);
  t.is(err.routineCode, S.DEFECTIVE_TOKEN);
  t.is(err.supplementaryCode, 0);
  t.is(err.code, 'GSS_S_DEFECTIVE_TOKEN');
  t.deepEqual(err.majorMessages, ['Defective token detected']);
  t.deepEqual(err.minorMessages, ['Decrypt integrity check failed', 'extra detail']);
  t.is(err.mech, mech);
  t.is(err.token, token);
  t.is(err.operation, 'acceptSecContext');
  t.is(err.name, 'InvalidTokenError');
  t.is(
    err.message,
    'acceptSecContext: Defective token detected (GSS_S_DEFECTIVE_TOKEN, major 0x00090000); ' +
      'Decrypt integrity check failed; extra detail (minor 2529638943)',
  );
  t.regex(err.message, /Defective token detected/);
  t.regex(err.message, /Decrypt integrity check failed/);
  t.regex(err.message, /0x00090000/);
  t.regex(String(err.stack), /^InvalidTokenError: acceptSecContext: /);
  t.regex(String(err.stack), /types\.test\.ts/);
  t.true(Object.isFrozen(err.majorMessages));
  t.false(Object.keys(err).includes('name'), 'name lives on the prototype');

  const split = createGSSError({ major: (READ | S.NO_CONTEXT | S.GAP_TOKEN) >>> 0, minor: 0 });
  t.is(split.callingCode, READ);
  t.is(split.routineCode, S.NO_CONTEXT);
  t.is(split.supplementaryCode, S.GAP_TOKEN);
  t.is(split.code, 'GSS_S_CALL_INACCESSIBLE_READ|GSS_S_NO_CONTEXT|GSS_S_GAP_TOKEN');
  t.is(split.mech, undefined);
  t.is(split.token, undefined);
  t.is(split.operation, undefined);
  t.deepEqual(split.majorMessages, []);
  t.deepEqual(split.minorMessages, []);
  t.is(split.message, 'GSS_S_CALL_INACCESSIBLE_READ|GSS_S_NO_CONTEXT|GSS_S_GAP_TOKEN (major 0x01080010)');

  const noMinorText = new GSSError({ major: S.FAILURE, minor: 42, majorMessages: ['Unspecified GSS failure'] });
  t.is(noMinorText.message, 'Unspecified GSS failure (GSS_S_FAILURE, major 0x000d0000); minor 42');
  const zeroMinor = new GSSError({
    major: S.FAILURE,
    minor: 0,
    majorMessages: ['a', 'b'],
    minorMessages: ['ignored'],
    operation: 'op',
  });
  t.is(zeroMinor.message, 'op: a; b (GSS_S_FAILURE, major 0x000d0000)');

  // Input arrays are copied.
  const msgs = ['one'];
  const copied = new GSSError({ major: S.FAILURE, minor: 0, majorMessages: msgs });
  msgs.push('two');
  t.deepEqual(copied.majorMessages, ['one']);
});

test('GSSError validates its init', (t) => {
  t.throws(() => new GSSError(undefined as unknown as { major: number; minor: number }), { instanceOf: TypeError });
  t.throws(() => createGSSError({ major: '1' as unknown as number, minor: 0 }), {
    instanceOf: TypeError,
    message: /major/,
  });
  t.throws(() => createGSSError({ major: 1, minor: 1.5 }), { instanceOf: TypeError, message: /minor/ });
  t.throws(() => createGSSError({ major: 1, minor: 0, mech: '1.2.3' as unknown as OID }), {
    instanceOf: TypeError,
    message: /mech/,
  });
  t.throws(() => createGSSError({ major: 1, minor: 0, majorMessages: [1] as unknown as string[] }), {
    instanceOf: TypeError,
    message: /majorMessages/,
  });
  t.throws(() => createGSSError({ major: 1, minor: 0, token: 'x' as unknown as Buffer }), {
    instanceOf: TypeError,
    message: /token/,
  });
});

test('ExtensionUnavailableError', (t) => {
  const err = new ExtensionUnavailableError('gss_acquire_cred_from', 'cred_store');
  t.true(err instanceof Error);
  t.false(err instanceof GSSError);
  t.is(err.name, 'ExtensionUnavailableError');
  t.is(err.symbol, 'gss_acquire_cred_from');
  t.is(err.extension, 'cred_store');
  t.is(err.message, "gss_acquire_cred_from is not provided by the loaded GSSAPI library (extension 'cred_store')");
  t.regex(String(err.stack), /^ExtensionUnavailableError: gss_acquire_cred_from/);
});
