#include "qr_code.hpp"

#include <qrencode.h>

#include <algorithm>
#include <memory>

namespace cohort_documents {

namespace {

struct InputDeleter {
  void operator()(QRinput* p) const { QRinput_free(p); }
};
struct CodeDeleter {
  void operator()(QRcode* p) const { QRcode_free(p); }
};

// One attempt at a level; null when it does not fit (or on allocation failure).
std::unique_ptr<QRcode, CodeDeleter> encode_at(std::string_view payload, QRecLevel level, bool utf8) {
  std::unique_ptr<QRinput, InputDeleter> input(QRinput_new2(0, level));
  if (!input) return nullptr;
  // ECI 26 says "UTF-8"; without it readers guess the encoding of 8-bit data.
  if (utf8 && QRinput_appendECIheader(input.get(), 26) != 0) return nullptr;
  if (QRinput_append(input.get(), QR_MODE_8, static_cast<int>(payload.size()),
                     reinterpret_cast<const unsigned char*>(payload.data())) != 0)
    return nullptr;
  return std::unique_ptr<QRcode, CodeDeleter>(QRcode_encodeInput(input.get()));
}

}  // namespace

bool encode_qr(std::string_view payload, QrCode& out, std::string& error) {
  if (payload.empty()) {
    error = "the QR payload is empty";
    return false;
  }
  const bool utf8 = std::any_of(payload.begin(), payload.end(), [](char c) { return static_cast<unsigned char>(c) >= 0x80; });
  char level = 'M';
  std::unique_ptr<QRcode, CodeDeleter> code;
  if (payload.size() <= kQrMaxBytes) {
    code = encode_at(payload, QR_ECLEVEL_M, utf8);
    if (!code) {
      level = 'L';
      code = encode_at(payload, QR_ECLEVEL_L, utf8);
    }
  }
  if (!code) {
    error = "the QR payload is " + std::to_string(payload.size()) + " bytes, more than one QR code holds (at most " +
            std::to_string(kQrMaxBytes - (utf8 ? 1 : 0)) + " bytes, version 40 at error correction level L)";
    return false;
  }
  QrCode qr;
  qr.version = code->version;
  qr.level = level;
  qr.width = code->width;
  qr.modules.resize(static_cast<std::size_t>(code->width) * code->width);
  for (std::size_t i = 0; i < qr.modules.size(); ++i) qr.modules[i] = (code->data[i] & 1) != 0;
  out = std::move(qr);
  return true;
}

}  // namespace cohort_documents
