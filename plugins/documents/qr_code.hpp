#pragma once
/// @file qr_code.hpp
/// @brief A QR code symbol (libqrencode), as a matrix of dark and light modules.

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace cohort_documents {

/// @brief The most bytes one QR code holds (version 40, error correction level L).
inline constexpr std::size_t kQrMaxBytes = 2953;

/// @brief An encoded QR symbol. Modules are listed row by row; true is dark.
struct QrCode {
  int version = 0;   ///< 1..40
  char level = 'M';  ///< error correction: 'M' (15 %) when it fits, else 'L' (7 %)
  int width = 0;     ///< modules per side, without the quiet zone
  std::vector<bool> modules;

  bool dark(int row, int column) const { return modules[static_cast<std::size_t>(row) * width + column]; }
};

/// @brief Encodes `payload` byte for byte (8-bit mode; with a UTF-8 ECI header when it is not
///        ASCII, so readers decode it as UTF-8). Fails with a message giving the size and the
///        limit when the payload does not fit in one QR code.
bool encode_qr(std::string_view payload, QrCode& out, std::string& error);

}  // namespace cohort_documents
