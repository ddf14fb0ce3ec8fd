// Declarations of the GSSAPI C interface (types and prototypes only).
// The addon never links libgssapi: every call goes through the function table
// in library.h, filled by dlopen/dlsym at run time. Never reference a GSSAPI
// function or OID variable directly in addon code: that would create a link-time
// dependency and break loading a different implementation.
#pragma once

#include <gssapi/gssapi.h>
#include <gssapi/gssapi_ext.h>
#include <gssapi/gssapi_krb5.h>
