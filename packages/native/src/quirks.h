// Workarounds for mechanism bugs that would otherwise crash the process.
// Each check runs on the thread about to make the call, just before it.
#pragma once

#include "gss.h"

namespace gssnative {

// gss-ntlmssp 1.2 dereferences a NULL name (strdup) when asked for the name of
// an acceptor-side element: the target name of an acceptor context (NTLM, or
// SPNEGO still negotiating, which may be NTLM underneath), or the name of
// credentials usable for accepting whose first element is NTLM. These tell
// whether a name must not be asked for; the result then has no name.
// Credentials acquired for a given name are safe and not checked (the raw
// layer tells which).
bool NtlmAcceptorContext(gss_ctx_id_t context);
bool NtlmAcceptorCred(gss_cred_id_t creds);
bool NtlmAcceptorCredByMech(gss_cred_id_t creds, gss_const_OID mech);

}  // namespace gssnative
