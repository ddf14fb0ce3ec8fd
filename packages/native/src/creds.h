// RFC 2744 credential calls: acquire, add, inquire, inquire by mech.
#pragma once
#include <napi.h>

#include "marshal.h"
#include "status.h"

namespace gssnative {
void RegisterCreds(Napi::Env env, Napi::Object exports);

// The result of the acquire-style calls (gss_acquire_cred and its extension
// variants): { creds, mechs, lifetime }.
Napi::Value AcquireReply(Napi::Env env, const Status& status, OutCred& creds, const OutOidSet& mechs,
                         OM_uint32 lifetime);

// The result of the add-style calls: { creds?, mechs, initLifetime, acceptLifetime }.
Napi::Value AddReply(Napi::Env env, const Status& status, OutCred& creds, const OutOidSet& mechs,
                     OM_uint32 initLifetime, OM_uint32 acceptLifetime);
}  // namespace gssnative
