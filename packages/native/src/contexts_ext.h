// GSSAPI extensions on security contexts and credentials that are not tied to
// one mechanism: the GGF calls (gss_inquire_cred_by_oid,
// gss_inquire_sec_context_by_oid, gss_set_sec_context_option), RFC 4401's
// gss_pseudo_random and gss_complete_auth_token.
#pragma once

#include <napi.h>

#include "library.h"

namespace gssnative {

// A buffer set the library filled (gss_buffer_set_t); released with
// gss_release_buffer_set when the holder goes away. Only used after the
// caller checked that gss_release_buffer_set exists (the GGF calls that make
// buffer sets come with it); without it the set is leaked, never freed wrongly.
struct OutBufferSet {
  gss_buffer_set_t set = GSS_C_NO_BUFFER_SET;
  OutBufferSet() = default;
  OutBufferSet(const OutBufferSet&) = delete;
  OutBufferSet& operator=(const OutBufferSet&) = delete;
  ~OutBufferSet();
  Napi::Value ToJs(Napi::Env env) const;  // an Array of Buffer copies (empty when no set)
};

void RegisterContextsExt(Napi::Env env, Napi::Object exports);

}  // namespace gssnative
