#include "support.hpp"

#include <cstdlib>
#include <filesystem>

namespace anne::fuzz {

const std::string& scratch_folder() {
    // Held on the heap and never destroyed: the exit handler that removes the folder runs after
    // static objects are destroyed.
    static const std::string* folder = [] {
        const char* tmp = std::getenv("TMPDIR");
        auto* path = new std::string(std::string(tmp && *tmp ? tmp : "/tmp") + "/anne-fuzz-XXXXXX");
        if (!::mkdtemp(path->data())) std::abort();
        std::atexit([] { std::filesystem::remove_all(scratch_folder()); });
        return path;
    }();
    return *folder;
}

}  // namespace anne::fuzz
