#include "files.hpp"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>

#include <fcntl.h>
#include <unistd.h>

#include "error.hpp"

namespace anne {

std::string read_file(const std::string& path) {
    // The overload with an error code: the throwing one throws std::filesystem_error for a
    // name the system refuses (a part over 255 bytes), which is no anne::error (found by the
    // tfjs fuzz target through a manifest's shard name). Opening it then fails with its reason.
    std::error_code not_a_folder;
    if (std::filesystem::is_directory(path, not_a_folder)) fail(path, "a folder, expected a file");
    std::ifstream in(path, std::ios::binary);
    if (!in) fail(path, std::string("cannot open: ") + std::strerror(errno));
    std::ostringstream s;
    s << in.rdbuf();
    if (in.bad()) fail(path, "read error");
    return s.str();
}

std::size_t utf8_bom(const std::string& start, const std::string& where) {
    const auto starts = [&start](const char* mark, std::size_t n) {
        return start.size() >= n && start.compare(0, n, mark, n) == 0;
    };
    if (starts("\x00\x00\xfe\xff", 4) || starts("\xff\xfe\x00\x00", 4))
        fail(where, "the file is UTF-32 (it starts with a UTF-32 byte-order mark); expected UTF-8");
    if (starts("\xfe\xff", 2) || starts("\xff\xfe", 2))
        fail(where, "the file is UTF-16 (it starts with a UTF-16 byte-order mark); expected UTF-8");
    return starts("\xef\xbb\xbf", 3) ? 3 : 0;
}

void check_utf8(const char* text, std::size_t size, std::size_t line, const std::string& where) {
    for (std::size_t i = 0; i < size;) {
        const auto c = static_cast<unsigned char>(text[i]);
        // Length of the UTF-8 sequence that starts here (0: not a lead byte).
        std::size_t n = c < 0x80                ? 1
                        : c >= 0xc2 && c < 0xe0 ? 2
                        : c >= 0xe0 && c < 0xf0 ? 3
                        : c >= 0xf0 && c < 0xf5 ? 4
                                                : 0;
        for (std::size_t k = 1; k < n; ++k)
            if (i + k >= size || (static_cast<unsigned char>(text[i + k]) >> 6) != 2) n = 0;
        if (c == 0)
            fail(where + ":" + std::to_string(line),
                 "a NUL byte: expected UTF-8 text (is the file UTF-16, or not text at all?)");
        if (n == 0)
            fail(where + ":" + std::to_string(line),
                 "a byte that is not UTF-8 text (the file may be Latin-1 or Windows-1252; save it "
                 "as UTF-8)");
        line += c == '\n';
        i += n;
    }
}

std::size_t utf8_text_start(const std::string& text, const std::string& where) {
    const std::size_t start = utf8_bom(text, where);
    check_utf8(text.data() + start, text.size() - start, 1, where);
    return start;
}

namespace {

// Writes content to a new file at path and flushes it to the disk; "" or why not.
std::string write_and_sync(const std::string& path, const std::string& content) {
    const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0666);
    if (fd < 0) return std::string("cannot write: ") + std::strerror(errno);
    std::size_t done = 0;
    while (done < content.size()) {
        const ssize_t n = ::write(fd, content.data() + done, content.size() - done);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) {
            const std::string why = n < 0 ? std::strerror(errno) : "nothing written";
            ::close(fd);
            return "cannot write: " + why + " (is the disk full?)";
        }
        done += static_cast<std::size_t>(n);
    }
    if (::fsync(fd) != 0 || ::close(fd) != 0)
        return std::string("cannot write: ") + std::strerror(errno) + " (is the disk full?)";
    return "";
}

// After a rename, the folder's entry reaches the disk only when the folder is synced.
void sync_folder(const std::string& path) {
    const std::filesystem::path folder = std::filesystem::path(path).parent_path();
    const int fd = ::open(folder.empty() ? "." : folder.c_str(), O_RDONLY | O_DIRECTORY);
    if (fd < 0) return;
    ::fsync(fd);
    ::close(fd);
}

}  // namespace

void write_files_atomic(const std::vector<std::pair<std::string, std::string>>& files) {
    // Every file goes to a temporary name first; only when all are written are they renamed,
    // so that a failure (disk full, a missing folder) leaves none of them half-written.
    // A rename can only fail where the target is a folder (the temporary files are written in
    // the targets' folders), so that is checked before anything is written.
    for (const auto& file : files)
        if (std::filesystem::is_directory(file.first))
            fail(file.first, "cannot replace: " + std::string(std::strerror(EISDIR)));
    std::vector<std::string> temps;
    const auto remove_temps = [&temps] {
        for (const std::string& t : temps) std::remove(t.c_str());
    };
    for (const auto& [path, content] : files) {
        temps.push_back(path + ".tmp" + std::to_string(::getpid()));
        const std::string why = write_and_sync(temps.back(), content);
        if (!why.empty()) {
            remove_temps();
            fail(path, why);
        }
    }
    for (std::size_t i = 0; i < files.size(); ++i) {
        if (std::rename(temps[i].c_str(), files[i].first.c_str()) != 0) {
            const std::string why = std::strerror(errno);
            for (std::size_t j = i; j < temps.size(); ++j) std::remove(temps[j].c_str());
            fail(files[i].first, "cannot replace: " + why);
        }
        sync_folder(files[i].first);
    }
}

void write_file_atomic(const std::string& path, const std::string& content) {
    write_files_atomic({{path, content}});
}

}  // namespace anne
