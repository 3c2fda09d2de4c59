#include "run.hpp"

#include <cstdlib>
#include <filesystem>

#include <sys/wait.h>
#include <unistd.h>

#include "support/text.hpp"

namespace anne::test {

namespace {

// Every scratch folder of a test process lies in one folder of its own (CTest runs tests in
// parallel, each in its own process), removed when the process ends, so that a run of the
// suite leaves nothing in $TMPDIR.
struct process_folder {
    const std::filesystem::path path =
        std::filesystem::temp_directory_path() / ("anne_cli_" + std::to_string(::getpid()));
    ~process_folder() {
        std::error_code ignored;
        std::filesystem::remove_all(path, ignored);
    }
};

}  // namespace

std::string scratch_dir(const std::string& name) {
    static const process_folder root;
    const auto dir = root.path / name;
    std::filesystem::remove_all(dir);
    std::filesystem::create_directories(dir);
    return dir.string();
}

result anne(const std::string& args) {
    const std::string dir = scratch_dir("run");
    const std::string cmd = "cd " ANNE_SOURCE_DIR " && " ANNE_EXE " " + args + " >" + dir +
                            "/out 2>" + dir + "/err </dev/null";
    const int status = std::system(cmd.c_str());
    return {WIFEXITED(status) ? WEXITSTATUS(status) : -1, slurp(dir + "/out"), slurp(dir + "/err")};
}

}  // namespace anne::test
