#include "store/sqlite_log.hpp"

#include <filesystem>

#include "store/details/sqlite_log_impl.hpp"

namespace cohort::store {

std::string log_path_in(std::string_view data_dir) {
  return (std::filesystem::path(data_dir) / kLogFileName).string();
}

std::unique_ptr<EventLog> open_sqlite_log(const std::string& path, const SqliteLogOptions& options,
                                          Status& status) {
  return details::SqliteLog::open(path, options, status);
}

}  // namespace cohort::store
