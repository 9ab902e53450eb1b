#pragma once
/// @file message_id.hpp
/// @brief One mail's identity, derived from the idempotency key of the call that sends it.

#include <string>
#include <string_view>

namespace cohort_email {

/// @brief Who a mail is, for the sent records, the outbox and the Message-ID header.
///
/// Keys are "INSTANCE/STEP/ATTEMPT". The attempt is dropped: a retry (attempt 2) of a
/// call whose attempt 1 did reach the server is the same mail, so it must find the same
/// record and carry the same Message-ID.
struct MessageIdentity {
  std::string call;        ///< the key without its attempt: "GLC-2025-A0042/7"
  std::string name;        ///< file-safe and dot-atom-safe form: "GLC-2025-A0042.7"
  std::string message_id;  ///< "<GLC-2025-A0042.7@example.org>"
};

/// @brief Derives the identity. False when the key is empty.
///
/// The name is injective: letters, digits, '-' and '_' stay, '/' becomes '.', any other
/// byte becomes "=XX" (so "a.b/1" and "a/b.1" differ). A call longer than 120 bytes is
/// cut and followed by a hash of the whole call.
bool message_identity(std::string_view idempotency_key, std::string_view domain, MessageIdentity& out);

}  // namespace cohort_email
