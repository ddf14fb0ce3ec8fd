// DCE IOV, AEAD and IOV MIC extensions (MIT krb5 / Heimdal gssapi_ext.h):
// gss_wrap_iov, gss_unwrap_iov, gss_wrap_iov_length, gss_wrap_aead,
// gss_unwrap_aead, gss_get_mic_iov, gss_get_mic_iov_length, gss_verify_mic_iov.
#pragma once
#include <napi.h>
namespace gssnative {
void RegisterDce(Napi::Env env, Napi::Object exports);
}
