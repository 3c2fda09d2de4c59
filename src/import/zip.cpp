#include "import/zip.hpp"

#include <memory>

#include <zip.h>

#include "error.hpp"

namespace anne::zip {

namespace {

// A .keras file holds a few small members; this bounds what a corrupt or hostile archive
// can make us allocate.
constexpr zip_uint64_t max_member_size = zip_uint64_t(1) << 30;

struct archive_closer {
    void operator()(zip_t* z) const { zip_discard(z); }
};
struct member_closer {
    void operator()(zip_file_t* f) const { zip_fclose(f); }
};

}  // namespace

bool is_zip(const std::string& bytes) {
    return bytes.size() >= 4 && bytes.compare(0, 2, "PK") == 0 &&
           ((bytes[2] == '\x03' && bytes[3] == '\x04') ||
            (bytes[2] == '\x05' && bytes[3] == '\x06'));
}

std::map<std::string, std::string> read_members(const std::string& bytes,
                                                const std::vector<std::string>& names,
                                                const std::string& where) {
    zip_error_t error;
    zip_error_init(&error);
    zip_source_t* source = zip_source_buffer_create(bytes.data(), bytes.size(), 0, &error);
    if (!source) {
        const std::string why = zip_error_strerror(&error);
        zip_error_fini(&error);
        fail(where, "cannot read the zip archive (" + why + ")");
    }
    // ZIP_CHECKCONS makes libzip check the central directory against the local headers, so a
    // truncated archive is refused here rather than half read.
    std::unique_ptr<zip_t, archive_closer> archive(
        zip_open_from_source(source, ZIP_RDONLY | ZIP_CHECKCONS, &error));
    if (!archive) {
        zip_source_free(source);
        const std::string why = zip_error_strerror(&error);
        zip_error_fini(&error);
        fail(where, "not a readable zip archive (" + why + ")");
    }
    zip_error_fini(&error);

    std::map<std::string, std::string> members;
    for (const std::string& name : names) {
        const zip_int64_t index = zip_name_locate(archive.get(), name.c_str(), 0);
        if (index < 0) continue;
        zip_stat_t st;
        if (zip_stat_index(archive.get(), static_cast<zip_uint64_t>(index), 0, &st) != 0 ||
            !(st.valid & ZIP_STAT_SIZE))
            fail(where, "zip member '" + name + "' is unreadable");
        if (st.size > max_member_size) fail(where, "zip member '" + name + "' is too large");
        std::unique_ptr<zip_file_t, member_closer> member(
            zip_fopen_index(archive.get(), static_cast<zip_uint64_t>(index), 0));
        std::string content(static_cast<std::size_t>(st.size), '\0');
        // libzip checks the member's CRC only when a read reaches its end, so read once more
        // and expect the end (0 bytes) rather than a CRC error (-1).
        char past_end;
        if (!member ||
            zip_fread(member.get(), content.data(), st.size) != static_cast<zip_int64_t>(st.size) ||
            zip_fread(member.get(), &past_end, 1) != 0)
            fail(where,
                 "zip member '" + name + "' cannot be read (corrupt or truncated archive: " +
                     (member ? zip_file_strerror(member.get()) : zip_strerror(archive.get())) +
                     ")");
        members[name] = std::move(content);
    }
    return members;
}

}  // namespace anne::zip
