#include "library.h"

#include <dlfcn.h>

#include <mutex>

namespace gssnative {

const GssFunctions* gss = nullptr;

namespace {

std::mutex loadMutex;
LoadState state;
GssFunctions table;

}  // namespace

const LoadState& LoadLibrary(const std::string& path) {
  std::lock_guard<std::mutex> lock(loadMutex);
  if (state.loaded || !state.path.empty()) {
    if (path != state.path) {
      static LoadState conflict;
      conflict = LoadState();
      conflict.path = path;
      conflict.error = "a GSSAPI library (" + state.path +
                       ") is already loaded in this process; only one implementation can be used";
      return conflict;
    }
    return state;
  }
  state.path = path;
  // RTLD_GLOBAL lets mechanism plugins that MIT loads (gss-ntlmssp) resolve
  // symbols from the library they plug into.
  void* lib = dlopen(path.c_str(), RTLD_NOW | RTLD_GLOBAL);
  if (lib == nullptr) {
    const char* why = dlerror();
    state.error = why != nullptr ? why : "dlopen failed";
    return state;
  }
#define GSSNATIVE_REQUIRED(name)                                          \
  table.name = reinterpret_cast<decltype(table.name)>(dlsym(lib, #name)); \
  if (table.name == nullptr) state.missingRequired.push_back(#name);
  GSS_REQUIRED_FUNCTIONS(GSSNATIVE_REQUIRED)
#undef GSSNATIVE_REQUIRED
#define GSSNATIVE_OPTIONAL(name)                                          \
  table.name = reinterpret_cast<decltype(table.name)>(dlsym(lib, #name)); \
  state.optional.push_back({#name, table.name != nullptr});
  GSS_OPTIONAL_FUNCTIONS(GSSNATIVE_OPTIONAL)
#undef GSSNATIVE_OPTIONAL
#define GSSNATIVE_OID(name)                                           \
  {                                                                   \
    auto* slot = reinterpret_cast<gss_OID*>(dlsym(lib, #name));       \
    state.oids.push_back({#name, slot != nullptr ? *slot : nullptr}); \
  }
  GSS_OID_SYMBOLS(GSSNATIVE_OID)
#undef GSSNATIVE_OID
  if (!state.missingRequired.empty()) {
    state.error = "the library lacks required GSSAPI functions";
    return state;
  }
  gss = &table;
  state.loaded = true;
  return state;
}

}  // namespace gssnative
