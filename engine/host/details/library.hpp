#pragma once
/// @file library.hpp
/// @brief Internal: an opened shared library. The only place that knows about Boost.DLL.

#include <filesystem>
#include <memory>
#include <string>

namespace cohort::host::details {

/// @brief A shared library opened with rtld_now | rtld_local; closed when the last owner goes.
class Library {
 public:
  /// @brief Opens `path`. Returns nullptr and sets `error` to the loader's reason on failure.
  static std::shared_ptr<Library> open(const std::filesystem::path& path, std::string& error);
  ~Library();
  Library(const Library&) = delete;
  Library& operator=(const Library&) = delete;

  /// @brief The address of an exported symbol, or nullptr when the library has none by that name.
  const void* symbol(const char* name) const;

 private:
  struct Impl;
  explicit Library(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace cohort::host::details
