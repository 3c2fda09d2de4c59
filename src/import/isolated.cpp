// Importing in a child process. Debian's HDF5 library can crash on a damaged file (random byte
// changes in a .h5 file crash it about once in 300, with out-of-bounds reads inside the
// library), or make it loop forever (seen in H5HG_read), and nothing on our side of its API can
// prevent that. So `anne import` reads the sources in a forked child with a time limit, which
// sends back the model file text or the error message; a child that dies or runs out of time
// becomes one clear error instead of a crashed or hanging program.
//
// The default limit is CPU time scaled to the sources' size (a loop is refused in seconds, a
// large honest file still has the time it needs); --timeout gives a wall-time limit instead.
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <csignal>
#include <cstdint>
#include <cstring>
#include <filesystem>
#include <string>

#include "error.hpp"
#include "import.hpp"

namespace anne {

namespace {

void write_all(int fd, const std::string& s) {
    std::size_t done = 0;
    while (done < s.size()) {
        const ssize_t n = ::write(fd, s.data() + done, s.size() - done);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) return;
        done += static_cast<std::size_t>(n);
    }
}

// Seconds of CPU time for importing the sources: 3 s, and 1 s more per 512 KB of them. A
// TensorFlow.js model.json counts with the files beside it (its weight shards). Measured: the
// 1.6 MB r15_keras24_diabetes_deep (400,873 parameters) takes 3 s of CPU to read, check and
// give a self-test, which the earlier 2 s + 1 s per 4 MB of model.json alone refused.
unsigned cpu_seconds_for(const std::vector<std::string>& sources) {
    std::uintmax_t bytes = 0;
    const auto add_folder = [&bytes](const std::filesystem::path& folder) {
        std::error_code ec;
        for (const auto& e : std::filesystem::directory_iterator(folder, ec))
            if (e.is_regular_file(ec)) bytes += e.file_size(ec);
    };
    for (const std::string& s : sources) {
        std::error_code ec;
        const std::filesystem::path path(s);
        if (std::filesystem::is_directory(path, ec)) {
            add_folder(path);
        } else if (path.extension() == ".json") {
            add_folder(path.has_parent_path() ? path.parent_path() : ".");
        } else if (std::filesystem::is_regular_file(path, ec)) {
            bytes += std::filesystem::file_size(path, ec);
        }
    }
    return 3 + static_cast<unsigned>(bytes / (512u << 10));
}

// In the child: SIGXCPU after `cpu` seconds of CPU time (SIGKILL one second later), or
// SIGALRM after `wall` seconds.
void limit_child(unsigned cpu, unsigned wall) {
    if (cpu) {
        const rlimit limit{cpu, cpu + 1};
        ::setrlimit(RLIMIT_CPU, &limit);
        wall = 10 * cpu + 60;  // a child that waits rather than loops
    }
    ::alarm(wall);
}

}  // namespace

model import_model_isolated(const std::vector<std::string>& sources,
                            const import_options& options) {
    int fds[2];
    if (::pipe(fds) != 0)
        fail("import", std::string("cannot create a pipe: ") + std::strerror(errno));
    const unsigned cpu = options.timeout_seconds ? 0 : cpu_seconds_for(sources);
    const pid_t child = ::fork();
    if (child < 0) fail("import", std::string("cannot start a process: ") + std::strerror(errno));
    if (child == 0) {
        ::close(fds[0]);
        limit_child(cpu, options.timeout_seconds);
        // The reply: "M" and the model file text, or "E" and the error message.
        std::string reply;
        try {
            reply = "M" + model_to_json(import_model(sources, options));
        } catch (const std::exception& e) {
            reply = std::string("E") + e.what();
        }
        write_all(fds[1], reply);
        ::_exit(0);
    }
    ::close(fds[1]);
    std::string reply;
    char buf[65536];
    for (;;) {
        const ssize_t n = ::read(fds[0], buf, sizeof buf);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) break;
        reply.append(buf, static_cast<std::size_t>(n));
    }
    ::close(fds[0]);
    int status = 0;
    while (::waitpid(child, &status, 0) < 0 && errno == EINTR) {
    }
    const std::string where = sources.empty() ? "import" : sources.front();
    const int signal = WIFSIGNALED(status) ? WTERMSIG(status) : 0;
    if (cpu && (signal == SIGXCPU || signal == SIGKILL || signal == SIGALRM))
        fail(where, "the file is damaged: reading it did not finish within " + std::to_string(cpu) +
                        " s of CPU time, the limit for a file of its size " +
                        "(the HDF5 library loops on it; --timeout SECONDS sets a longer limit)");
    if (signal == SIGALRM)
        fail(where, "the file is damaged: reading it did not finish within " +
                        std::to_string(options.timeout_seconds) +
                        " s (the HDF5 library loops on it; --timeout sets the limit)");
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0 || reply.empty())
        fail(where, "the file is damaged: reading it crashed the HDF5 library" +
                        (WIFSIGNALED(status) ? " (" + std::string(strsignal(WTERMSIG(status))) + ")"
                                             : std::string()));
    if (reply[0] == 'E') throw error(reply.substr(1));
    return parse_model(reply.substr(1), where);
}

}  // namespace anne
