// Declarations of the GSSAPI C interface (types and prototypes only).
// The addon never links libgssapi: every call goes through the function table
// in library.h, filled by dlopen/dlsym at run time. Never reference a GSSAPI
// function or OID variable directly in addon code: that would create a link-time
// dependency and break loading a different implementation.
#pragma once

#include <gssapi/gssapi.h>
#include <gssapi/gssapi_ext.h>
#include <gssapi/gssapi_krb5.h>

// Declared by Heimdal but not by MIT's headers; resolved at run time when present.
extern "C" OM_uint32 KRB5_CALLCONV gss_get_neg_mechs(OM_uint32* minor_status, gss_const_cred_id_t cred_handle,
                                                     gss_OID_set* mech_set);
