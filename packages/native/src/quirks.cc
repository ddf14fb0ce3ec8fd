#include "quirks.h"

#include <cstring>

#include "library.h"

namespace gssnative {
namespace {

// 1.3.6.1.4.1.311.2.2.10, the NTLMSSP mechanism; 1.3.6.1.5.5.2, SPNEGO.
constexpr unsigned char kNtlm[] = {0x2b, 0x06, 0x01, 0x04, 0x01, 0x82, 0x37, 0x02, 0x02, 0x0a};
constexpr unsigned char kSpnego[] = {0x2b, 0x06, 0x01, 0x05, 0x05, 0x02};

template <size_t N>
bool Is(gss_const_OID oid, const unsigned char (&der)[N]) {
  return oid != GSS_C_NO_OID && oid->length == N && std::memcmp(oid->elements, der, N) == 0;
}
bool IsNtlm(gss_const_OID oid) { return Is(oid, kNtlm); }

}  // namespace

bool NtlmAcceptorContext(gss_ctx_id_t context) {
  OM_uint32 minor = 0;
  gss_OID mech = GSS_C_NO_OID;
  int locallyInitiated = 1;
  OM_uint32 major = gss->gss_inquire_context(&minor, context, nullptr, nullptr, nullptr, &mech, nullptr,
                                             &locallyInitiated, nullptr);
  // A SPNEGO context still negotiating reports SPNEGO and passes the call on
  // to its sub-context, which may be NTLM's.
  return !GSS_ERROR(major) && locallyInitiated == 0 && (IsNtlm(mech) || Is(mech, kSpnego));
}

bool NtlmAcceptorCred(gss_cred_id_t creds) {
  OM_uint32 minor = 0;
  gss_cred_usage_t usage = GSS_C_INITIATE;
  gss_OID_set mechs = GSS_C_NO_OID_SET;
  OM_uint32 major = gss->gss_inquire_cred(&minor, creds, nullptr, nullptr, &usage, &mechs);
  if (GSS_ERROR(major)) return false;
  bool quirk =
      usage != GSS_C_INITIATE && mechs != GSS_C_NO_OID_SET && mechs->count > 0 && IsNtlm(&mechs->elements[0]);
  gss->gss_release_oid_set(&minor, &mechs);
  return quirk;
}

bool NtlmAcceptorCredByMech(gss_cred_id_t creds, gss_const_OID mech) {
  if (!IsNtlm(mech)) return false;
  OM_uint32 minor = 0;
  gss_cred_usage_t usage = GSS_C_INITIATE;
  OM_uint32 major = gss->gss_inquire_cred_by_mech(&minor, creds, const_cast<gss_OID>(mech), nullptr, nullptr,
                                                  nullptr, &usage);
  return !GSS_ERROR(major) && usage != GSS_C_INITIATE;
}

}  // namespace gssnative
