// Credential extensions: RFC 5588 gss_store_cred, the credential store calls
// (gss_acquire_cred_from, gss_add_cred_from, gss_store_cred_into), credential
// export/import, S4U impersonation, password acquisition and
// gss_set_cred_option. Every C function here is optional (library.h).
#pragma once
#include <napi.h>
namespace gssnative {
void RegisterCredsExt(Napi::Env env, Napi::Object exports);
}
