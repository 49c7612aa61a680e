#include "common/files.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>

#include <fmt/format.h>

#include "common/error.hpp"

namespace pgcertify {

std::string read_file(const std::filesystem::path& path) {
  // An ifstream opens a folder and reads nothing from it: say what it is instead.
  std::error_code ec;
  if (std::filesystem::is_directory(path, ec)) throw Error(ErrorKind::kIo, "cannot read '" + path.string() + "': it is a folder");
  std::ifstream in(path, std::ios::binary);
  if (!in) throw Error(ErrorKind::kIo, "cannot read '" + path.string() + "': " + std::strerror(errno));
  std::ostringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

void write_file_atomic(const std::filesystem::path& path, std::string_view content) {
  const std::filesystem::path dir = path.has_parent_path() ? path.parent_path() : ".";
  // Built by appending rather than as `"." + name + ".XXXXXX"`: GCC 12 at -O3 reports a false
  // -Werror=restrict on `const char* + std::string&&` (GCC bug 105651).
  std::string hidden_name = ".";
  hidden_name += path.filename().string();
  hidden_name += ".XXXXXX";
  std::string temp = (dir / hidden_name).string();
  const int fd = ::mkstemp(temp.data());
  if (fd < 0) throw Error(ErrorKind::kIo, "cannot write '" + path.string() + "': " + std::strerror(errno));
  auto fail = [&](const char* what) {
    const int error = errno;
    std::string reason = std::strerror(error);
    // A full disk is named with what did not fit where: the message says what to free.
    if (error == ENOSPC || error == EDQUOT) {
      struct statvfs fs {};
      if (::fstatvfs(fd, &fs) == 0)
        reason += fmt::format(" ({} bytes to write, {} bytes free on the file system of '{}')", content.size(),
                              static_cast<unsigned long long>(fs.f_bavail) * fs.f_frsize, dir.string());
    }
    ::close(fd);
    ::unlink(temp.c_str());
    throw Error(ErrorKind::kIo, "cannot write '" + path.string() + "' (" + what + "): " + reason);
  };
  size_t written = 0;
  while (written < content.size()) {
    const ssize_t n = ::write(fd, content.data() + written, content.size() - written);
    if (n < 0) {
      if (errno == EINTR) continue;
      fail("write");
    }
    written += static_cast<size_t>(n);
  }
  if (::fchmod(fd, 0644) != 0) fail("chmod");
  if (::fsync(fd) != 0) fail("fsync");
  if (::close(fd) != 0) {
    ::unlink(temp.c_str());
    throw Error(ErrorKind::kIo, "cannot write '" + path.string() + "': " + std::strerror(errno));
  }
  if (::rename(temp.c_str(), path.c_str()) != 0) {
    const std::string reason = std::strerror(errno);
    ::unlink(temp.c_str());
    throw Error(ErrorKind::kIo, "cannot write '" + path.string() + "' (rename): " + reason);
  }
}

void check_writable_destination(const std::filesystem::path& path, std::string_view option) {
  const std::filesystem::path dir = path.has_parent_path() ? path.parent_path() : ".";
  if (!std::filesystem::is_directory(dir))
    throw Error(ErrorKind::kUsage,
                std::string(option) + ": the folder '" + dir.string() + "' for '" + path.string() + "' does not exist");
  if (::access(dir.c_str(), W_OK) != 0) throw Error(ErrorKind::kUsage, std::string(option) + ": cannot write into '" + dir.string() + "'");
}

}  // namespace pgcertify
