// GSS status codes and their text.
//
// Invariant: Capture() runs on the thread that made the failing GSSAPI call,
// before that thread makes any other call: MIT keeps the detailed minor-status
// text in thread-local storage, and another thread would only see the generic
// table text.
#pragma once

#include <napi.h>

#include <string>
#include <vector>

#include "fields.h"
#include "gss.h"

namespace gssnative {

struct Status {
  OM_uint32 major = GSS_S_COMPLETE;
  OM_uint32 minor = 0;
  std::vector<std::string> majorText;
  std::vector<std::string> minorText;
  gss_const_OID mech = GSS_C_NO_OID;  // the mechanism of a failure, when known (reported as `mech`)

  // True for anything but COMPLETE and CONTINUE_NEEDED.
  bool Failed() const { return (major & ~static_cast<OM_uint32>(GSS_S_CONTINUE_NEEDED)) != 0; }

  // Records major/minor and, when the call failed, their text (same thread!).
  void Set(OM_uint32 maj, OM_uint32 min, gss_const_OID mech = GSS_C_NO_OID);

  // Adds major and minor (when not 0) and, on failure, majorText/minorText arrays.
  void AddTo(Fields& result) const;
};

// Every message gss_display_status has for `code` (all message_context rounds).
std::vector<std::string> DisplayStatusText(OM_uint32 code, int type, gss_const_OID mech);

}  // namespace gssnative
