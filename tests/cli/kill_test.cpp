// Nothing lost on a kill: anne train and anne export are killed with SIGKILL at many moments
// while they run, and every time each output file is either the previous one, byte for byte,
// or the complete new one — never half-written. Outputs are
// written to a temporary file in the same folder, flushed with fsync and renamed
// (src/files.cpp); a kill can leave that temporary file behind, never a damaged output.
#include <gtest/gtest.h>

#include <fcntl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <csignal>
#include <filesystem>
#include <fstream>
#include <string>
#include <thread>
#include <vector>

#include "run.hpp"
#include "support/text.hpp"

namespace {

using anne::test::slurp;

namespace fs = std::filesystem;
using clock_type = std::chrono::steady_clock;

// Starts anne with args in dir, output to /dev/null; returns its process id.
pid_t start(const std::string& dir, const std::vector<std::string>& args) {
    const pid_t pid = ::fork();
    if (pid == 0) {
        if (::chdir(dir.c_str()) != 0) ::_exit(127);
        const int null = ::open("/dev/null", O_RDWR);
        ::dup2(null, 0);
        ::dup2(null, 1);
        ::dup2(null, 2);
        std::vector<char*> argv{const_cast<char*>(ANNE_EXE)};
        for (const std::string& a : args) argv.push_back(const_cast<char*>(a.c_str()));
        argv.push_back(nullptr);
        ::execv(ANNE_EXE, argv.data());
        ::_exit(127);
    }
    return pid;
}

// Runs anne to its end; how long it took.
clock_type::duration full_run(const std::string& dir, const std::vector<std::string>& args) {
    const auto begin = clock_type::now();
    int status = 0;
    ::waitpid(start(dir, args), &status, 0);
    EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0);
    return clock_type::now() - begin;
}

// Kills anne at `kills` moments spread over a full run's duration and checks after each that
// every output is the previous content or the complete new file, byte for byte as a run to
// the end writes it (the outputs are deterministic: same seed, same bytes).
void kill_while_writing(const std::vector<std::string>& args,
                        const std::vector<std::string>& outputs, int kills) {
    const std::string dir = anne::test::scratch_dir("kill");
    fs::copy(ANNE_SOURCE_DIR "/data/iris.csv", dir + "/iris.csv");
    const clock_type::duration run = full_run(dir, args);
    std::vector<std::string> complete;
    for (const std::string& o : outputs) complete.push_back(slurp(dir + "/" + o));
    int killed_before_end = 0;
    for (int k = 0; k < kills; ++k) {
        for (const std::string& o : outputs) std::ofstream(dir + "/" + o) << "previous " << o;
        const pid_t pid = start(dir, args);
        std::this_thread::sleep_for(run * (k + 1) / kills);
        ::kill(pid, SIGKILL);
        int status = 0;
        ::waitpid(pid, &status, 0);
        killed_before_end += WIFSIGNALED(status);
        for (std::size_t i = 0; i < outputs.size(); ++i) {
            const std::string& o = outputs[i];
            const std::string text = slurp(dir + "/" + o);
            EXPECT_TRUE(text == "previous " + o || text == complete[i])
                << o << " after a kill at " << k + 1 << "/" << kills << " of the run:\n"
                << text.substr(0, 200);
        }
        for (const auto& e : fs::directory_iterator(dir))
            if (e.path().string().find(".tmp") != std::string::npos) fs::remove(e.path());
    }
    // Some kills came before the program ended (else the test would show nothing); how many
    // depends on the machine's load.
    EXPECT_GT(killed_before_end, 0);
}

TEST(Kill, TrainLeavesThePreviousOrTheCompleteModelAndLog) {
    const std::vector<std::string> args = {
        "train",  "iris.csv", "--target", "species", "--layers",  "16:relu,3:softmax",
        "--loss", "cce",      "--epochs", "400",     "--batch",   "4",
        "-q",     "-o",       "m.json",   "--log",   "m.log.json"};
    kill_while_writing(args, {"m.json", "m.log.json"}, 24);
}

TEST(Kill, ExportLeavesThePreviousOrBothCompleteFiles) {
    const std::vector<std::string> args = {"export", "iris8", "--target", "c", "-o", "iris8.c"};
    kill_while_writing(args, {"iris8.c", "iris8.h"}, 24);
}

}  // namespace
