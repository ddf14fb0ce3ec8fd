// RFC 2744 per-message calls: get/verify MIC, wrap size limit, wrap, unwrap.
#pragma once
#include <napi.h>
namespace gssnative {
void RegisterMessages(Napi::Env env, Napi::Object exports);
}
