#include "credential/digest.hpp"

#include <sodium.h>

namespace cohort::credentials {

Bytes sha256(std::string_view data) {
  Bytes out(crypto_hash_sha256_BYTES);
  crypto_hash_sha256(out.data(), reinterpret_cast<const unsigned char*>(data.data()), data.size());
  return out;
}

}  // namespace cohort::credentials
