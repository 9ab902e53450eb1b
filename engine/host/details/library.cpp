#include "host/details/library.hpp"

#include <boost/dll/shared_library.hpp>
#include <boost/dll/shared_library_load_mode.hpp>

#include <dlfcn.h>

namespace cohort::host::details {

struct Library::Impl {
  boost::dll::shared_library lib;
};

Library::Library(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Library::~Library() = default;

std::shared_ptr<Library> Library::open(const std::filesystem::path& path, std::string& error) {
  auto impl = std::make_unique<Impl>();
  boost::dll::fs::error_code ec;
  // rtld_local: two plugins may carry the same symbols (e.g. their own copy of a JSON library).
  // rtld_now: an unresolved symbol is a refusal now rather than a crash mid-call.
  impl->lib.load(path, boost::dll::load_mode::rtld_now | boost::dll::load_mode::rtld_local, ec);
  if (ec || !impl->lib.is_loaded()) {
    // Boost.DLL keeps only a generic error code; the dynamic loader's own reason is more useful.
    const char* reason = ::dlerror();
    error = reason ? reason : (ec ? ec.message() : "unknown loader error");
    return nullptr;
  }
  return std::shared_ptr<Library>(new Library(std::move(impl)));
}

const void* Library::symbol(const char* name) const {
  if (!impl_->lib.has(name)) return nullptr;
  return &impl_->lib.get<const char>(name);
}

}  // namespace cohort::host::details
