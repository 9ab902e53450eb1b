#pragma once
/// @file request.hpp
/// @brief The arguments of documents.invitation_letter / documents.certificate, read and checked.

#include <string>
#include <string_view>

#include "document_template.hpp"
#include "fields.hpp"

namespace cohort_documents {

/// @brief One document to make: the printable fields, the QR payload and the fixed metadata.
struct DocumentRequest {
  Kind kind = Kind::Certificate;
  Fields fields;
  std::string number;      ///< the letter or certificate number, as given
  /// The PDF's creation date: issued_at as "YYYY-MM-DDThh:mm:ss±hh:mm" (or "Z"), never the
  /// clock, so equal input gives equal bytes.
  std::string issued_at;
  std::string qr_payload;  ///< exactly what the QR code carries
  /// "certificates/NAME.json", relative to the run directory, when the certificate is given as
  /// the file the certificates plugin wrote instead of as JSON (then qr_payload is empty).
  std::string certificate_file;
};

/// @brief Reads the arguments JSON of an operation of kind `kind` (see docs/plugins/documents.md).
///        Missing required arguments and wrong types fail with a message naming the argument.
///        For a certificate the QR payload is the "certificate" argument's JSON text exactly as
///        written (or the string's content, when it is given as a string of JSON), or, with
///        "certificate_file", the name of that file (checked to be certificates/NAME.json).
/// @brief True for "certificates/NAME.json" with NAME of letters, digits, '.', '_', '-' (not
///        starting with '.'): a file directly inside the run's certificates folder.
bool certificate_file_name(std::string_view name);

bool read_request(Kind kind, std::string_view args_json, bool long_dates, DocumentRequest& out, std::string& error);

}  // namespace cohort_documents
