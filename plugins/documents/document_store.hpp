#pragma once
/// @file document_store.hpp
/// @brief The document store: DIR/documents/, each file named after the SHA-256 of its bytes.

#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>

namespace cohort_documents {

/// @brief Where a stored document is and what it is.
struct StoredDocument {
  std::string path;    ///< relative to the run directory: "documents/ab/abcdef....pdf"
  std::string sha256;  ///< 64 lowercase hex digits
  std::uint64_t bytes = 0;
};

/// @brief Lowercase hex SHA-256 of `data` (libsodium).
std::string sha256_hex(std::string_view data);

/// @brief Stores `pdf` as run_dir/documents/<first two hex digits>/<sha256>.pdf.
///
/// The name comes from the content alone, never from user data, so no name can leave the
/// folder, and the same document is stored once however often it is made. The file appears
/// complete or not at all (written aside, synced, renamed). Safe to call concurrently.
bool store_document(const std::filesystem::path& run_dir, std::string_view pdf, StoredDocument& out,
                    std::string& error);

}  // namespace cohort_documents
