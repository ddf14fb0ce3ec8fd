// Kerberos-specific GSSAPI extensions (gssapi_krb5.h): ccache name, lucid
// contexts, authtime and authorization data, credential import from a ccache
// or keytab, ticket flags, allowable enctypes.
//
// gss_krb5_import_cred takes libkrb5 handles (krb5_ccache, krb5_principal,
// krb5_keytab). JavaScript passes names instead; krb5_ext.cc resolves them with
// the libkrb5 the loaded GSSAPI library itself uses, found at run time with
// dlopen/dlsym (the addon links neither libgssapi nor libkrb5).
//
// Named krb5_ext.h, not krb5.h: a krb5.h in this directory would shadow the
// system <krb5.h> (included by <gssapi/gssapi_krb5.h>) for every file compiled
// with this directory on the include path.
#pragma once
#include <napi.h>
namespace gssnative {
void RegisterKrb5(Napi::Env env, Napi::Object exports);
}
