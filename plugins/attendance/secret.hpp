#pragma once
/// @file secret.hpp
/// @brief The token key: configured as hex, read from a file, or generated once into the
///        plugin's private data directory (mode 0600) and kept there.

#include <string>
#include <string_view>
#include <vector>

namespace cohort_attendance {

/// @brief Name of the generated key file inside the plugin's data directory.
inline constexpr const char* kSecretFileName = "token-secret.hex";

/// @brief Hex text (surrounding whitespace ignored) of at least 32 bytes into `key`.
bool parse_secret_hex(std::string_view text, std::vector<unsigned char>& key, std::string& error);

/// @brief Reads a hex key file. Refuses a file that group or others may read: whoever reads
///        the key can forge check-ins.
bool read_secret_file(const std::string& path, std::vector<unsigned char>& key, std::string& error);

/// @brief Reads `<dir>/token-secret.hex`, or creates it with 32 random bytes (mode 0600) when
///        it does not exist yet. Two processes racing here end up with the same key: the file
///        appears whole (written aside, then linked into place) and the loser reads the winner's.
bool load_or_create_secret(const std::string& dir, std::vector<unsigned char>& key, std::string& error,
                           bool* created = nullptr);

}  // namespace cohort_attendance
