#include "files.hpp"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>

#include <unistd.h>

#include "error.hpp"

namespace anne {

std::string read_file(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) fail(path, std::string("cannot open: ") + std::strerror(errno));
    std::ostringstream s;
    s << in.rdbuf();
    if (in.bad()) fail(path, "read error");
    return s.str();
}

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
        std::ofstream out(temps.back(), std::ios::binary | std::ios::trunc);
        if (!out) {
            const std::string why = std::strerror(errno);
            temps.pop_back();
            remove_temps();
            fail(path, "cannot write: " + why);
        }
        out.write(content.data(), static_cast<std::streamsize>(content.size()));
        out.flush();
        if (!out) {
            remove_temps();
            fail(path, "write error (disk full?)");
        }
    }
    for (std::size_t i = 0; i < files.size(); ++i) {
        if (std::rename(temps[i].c_str(), files[i].first.c_str()) != 0) {
            const std::string why = std::strerror(errno);
            for (std::size_t j = i; j < temps.size(); ++j) std::remove(temps[j].c_str());
            fail(files[i].first, "cannot replace: " + why);
        }
    }
}

void write_file_atomic(const std::string& path, const std::string& content) {
    write_files_atomic({{path, content}});
}

}  // namespace anne
