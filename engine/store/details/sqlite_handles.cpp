#include "store/details/sqlite_handles.hpp"

namespace cohort::store::details {

Status sqlite_status(int rc, const Connection& db, const std::string& path, std::string_view doing) {
  const std::string cause = db ? db.error() : std::string(sqlite3_errstr(rc));
  const std::string what(doing);
  switch (rc & 0xff) {
    case SQLITE_CORRUPT:
    case SQLITE_NOTADB:
      return {Code::Corrupt, path + " is damaged (" + cause + ", while " + what +
                                 "): restore it from a backup, or move it aside and start with an "
                                 "empty --data-dir; Cohort has not changed the file"};
    case SQLITE_FULL:
      return {Code::DiskFull, path + ": the disk is full (while " + what +
                                  "); nothing of this batch was recorded and everything "
                                  "acknowledged before is intact: free space on the disk and retry"};
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      return {Code::Busy, path + " is locked by another process (" + cause + ", while " + what +
                              "): stop the other cohort process or tool using it, or use another "
                              "--data-dir"};
    case SQLITE_CANTOPEN:
    case SQLITE_PERM:
    case SQLITE_AUTH:
      return {Code::CannotOpen, "cannot open the event log " + path + " (" + cause + ", while " +
                                    what + "): check that its directory exists and is writable, "
                                           "or use another --data-dir"};
    case SQLITE_READONLY:
      return {Code::CannotOpen, "cannot write the event log " + path + " (" + cause + ", while " +
                                    what + "): check the permissions of the file and its directory"};
    default:
      return {Code::IoError, path + ": I/O error (" + cause + ", while " + what +
                                 "); the operation was not completed: check the disk (dmesg, "
                                 "free space, permissions) and reopen the log"};
  }
}

bool is_fatal(int rc) {
  switch (rc & 0xff) {
    case SQLITE_FULL:
    case SQLITE_IOERR:
    case SQLITE_CORRUPT:
    case SQLITE_NOTADB:
    case SQLITE_NOMEM:
    case SQLITE_CANTOPEN:
      return true;
    default:
      return false;
  }
}

}  // namespace cohort::store::details
