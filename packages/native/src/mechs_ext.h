// Mechanism extensions: RFC 5587 mechanism attributes, RFC 5801 SASL names,
// RFC 4178 SPNEGO negotiation mechanisms (set/get_neg_mechs), and the OID text
// conversions gss_str_to_oid / gss_oid_to_str.
#pragma once
#include <napi.h>
namespace gssnative {
void RegisterMechsExt(Napi::Env env, Napi::Object exports);
}
