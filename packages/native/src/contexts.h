// RFC 2744 security context calls: init, accept, inquire, time, process token,
// import, export, delete.
#pragma once
#include <napi.h>
namespace gssnative {
void RegisterContexts(Napi::Env env, Napi::Object exports);
}
