#include "import/hdf5.hpp"

#include <cstring>

#include "error.hpp"

namespace anne::h5 {

namespace {

constexpr char signature[] = "\x89HDF\r\n\x1a\n";
constexpr std::size_t signature_size = 8;

std::string object_name(const std::string& path) { return path.empty() ? "/" : path; }

// Removes the padding of a fixed-length string: NULs (H5T_STR_NULLTERM / NULLPAD) and, for
// H5T_STR_SPACEPAD, trailing spaces.
std::string unpad(const char* s, std::size_t size) {
    std::size_t n = 0;
    while (n < size && s[n] != '\0') ++n;
    while (n > 0 && s[n - 1] == ' ') --n;
    return std::string(s, n);
}

// Opens an in-memory image with the core driver (nothing is ever written back).
hid_t open_image(const std::string& bytes, const std::string& where) {
    // Our messages replace HDF5's printed error stack.
    H5Eset_auto2(H5E_DEFAULT, nullptr, nullptr);
    const handle fapl(H5Pcreate(H5P_FILE_ACCESS), H5Pclose);
    // HDF5 copies the image, so the bytes need not outlive the file.
    if (!fapl.valid() || H5Pset_fapl_core(fapl.get(), 1 << 16, false) < 0 ||
        H5Pset_file_image(fapl.get(), const_cast<char*>(bytes.data()), bytes.size()) < 0)
        fail(where, "cannot set up HDF5 to read from memory");
    // Any name will do for an in-memory image; HDF5 needs one.
    const hid_t id = H5Fopen("anne-import.h5", H5F_ACC_RDONLY, fapl.get());
    if (id < 0) fail(where, "not a readable HDF5 file (truncated or corrupt: HDF5 cannot open it)");
    return id;
}

}  // namespace

bool is_hdf5(const std::string& bytes) {
    for (std::size_t at = 0; at + signature_size <= bytes.size(); at = at ? 2 * at : 512)
        if (std::memcmp(bytes.data() + at, signature, signature_size) == 0) return true;
    return false;
}

file::file(const std::string& bytes, std::string where)
    : where_(std::move(where)), file_(open_image(bytes, where_), H5Fclose) {}

bool file::exists(const std::string& path) const {
    // H5Lexists needs every parent to exist, so walk the path one member at a time.
    std::string prefix;
    std::size_t start = 0;
    while (start < path.size()) {
        std::size_t end = path.find('/', start);
        if (end == std::string::npos) end = path.size();
        if (end > start) {
            prefix += (prefix.empty() ? "" : "/") + path.substr(start, end - start);
            if (H5Lexists(file_.get(), prefix.c_str(), H5P_DEFAULT) <= 0) return false;
        }
        start = end + 1;
    }
    return true;
}

bool file::has_attribute(const std::string& path, const std::string& name) const {
    if (!path.empty() && path != "/" && !exists(path)) return false;
    return H5Aexists_by_name(file_.get(), object_name(path).c_str(), name.c_str(), H5P_DEFAULT) > 0;
}

std::vector<std::string> file::strings(const std::string& path, const std::string& name) const {
    const std::string what = "attribute '" + name + "' of '" + object_name(path) + "'";
    const handle attr(H5Aopen_by_name(file_.get(), object_name(path).c_str(), name.c_str(),
                                      H5P_DEFAULT, H5P_DEFAULT),
                      H5Aclose);
    if (!attr.valid()) fail(where_, "missing " + what);
    const handle type(H5Aget_type(attr.get()), H5Tclose);
    const handle space(H5Aget_space(attr.get()), H5Sclose);
    const hssize_t points = H5Sget_simple_extent_npoints(space.get());
    if (!type.valid() || points < 0) fail(where_, "unreadable " + what);
    const std::size_t n = static_cast<std::size_t>(points);
    const H5T_class_t cls = H5Tget_class(type.get());
    // Keras writes an empty name list as an empty float64 array (h5py cannot store an empty
    // string array).
    if (n == 0 && (cls == H5T_FLOAT || cls == H5T_INTEGER)) return {};
    if (cls != H5T_STRING) fail(where_, what + ": expected strings");

    std::vector<std::string> out;
    const handle memtype(H5Tcopy(H5T_C_S1), H5Tclose);
    if (H5Tis_variable_str(type.get()) > 0) {
        // Variable-length strings (h5py >= 3 writes these): HDF5 allocates each one.
        H5Tset_size(memtype.get(), H5T_VARIABLE);
        H5Tset_cset(memtype.get(), H5Tget_cset(type.get()));
        std::vector<char*> buffer(n, nullptr);
        if (H5Aread(attr.get(), memtype.get(), buffer.data()) < 0)
            fail(where_, "cannot read " + what);
        for (const char* s : buffer) out.emplace_back(s ? s : "");
        H5Dvlen_reclaim(memtype.get(), space.get(), H5P_DEFAULT, buffer.data());
    } else {
        // Fixed-length strings, n of `size` bytes each, padded with NULs.
        const std::size_t size = H5Tget_size(type.get());
        H5Tset_size(memtype.get(), size);
        H5Tset_strpad(memtype.get(), H5Tget_strpad(type.get()));
        std::vector<char> buffer(n * size);
        if (size == 0 || H5Aread(attr.get(), memtype.get(), buffer.data()) < 0)
            fail(where_, "cannot read " + what);
        for (std::size_t i = 0; i < n; ++i) out.push_back(unpad(buffer.data() + i * size, size));
    }
    return out;
}

std::string file::string(const std::string& path, const std::string& name) const {
    const std::vector<std::string> s = strings(path, name);
    if (s.size() != 1)
        fail(where_, "attribute '" + name + "' of '" + object_name(path) +
                         "': expected one string, got " + std::to_string(s.size()));
    return s[0];
}

std::vector<std::string> file::members(const std::string& path) const {
    const handle group(H5Gopen2(file_.get(), object_name(path).c_str(), H5P_DEFAULT), H5Gclose);
    if (!group.valid()) fail(where_, "missing group '" + object_name(path) + "'");
    std::vector<std::string> names;
    const auto collect = [](hid_t, const char* name, const H5L_info_t*, void* data) -> herr_t {
        static_cast<std::vector<std::string>*>(data)->emplace_back(name);
        return 0;
    };
    if (H5Literate(group.get(), H5_INDEX_NAME, H5_ITER_INC, nullptr, collect, &names) < 0)
        fail(where_, "cannot list group '" + object_name(path) + "'");
    return names;
}

tensor file::dataset(const std::string& path) const {
    if (!exists(path)) fail(where_, "missing dataset '" + path + "'");
    const handle set(H5Dopen2(file_.get(), path.c_str(), H5P_DEFAULT), H5Dclose);
    if (!set.valid()) fail(where_, "'" + path + "' is not a readable dataset");
    const handle type(H5Dget_type(set.get()), H5Tclose);
    const H5T_class_t cls = H5Tget_class(type.get());
    if (cls != H5T_FLOAT && cls != H5T_INTEGER)
        fail(where_, "dataset '" + path + "': expected numbers");
    const handle space(H5Dget_space(set.get()), H5Sclose);
    const int rank = H5Sget_simple_extent_ndims(space.get());
    if (rank < 0) fail(where_, "dataset '" + path + "': unreadable shape");
    std::vector<hsize_t> dims(static_cast<std::size_t>(rank));
    H5Sget_simple_extent_dims(space.get(), dims.data(), nullptr);
    tensor t;
    t.name = path;
    // A damaged file may claim any size; no model anne reads has 2^28 (1 GiB of) values in one
    // weight, so larger claims are refused before anything is allocated.
    constexpr std::size_t most = std::size_t{1} << 28;
    std::size_t count = 1;
    for (hsize_t d : dims) {
        if (d > most || count * static_cast<std::size_t>(d) > most)
            fail(where_, "dataset '" + path + "': claims more than 2^28 values (damaged file?)");
        t.shape.push_back(static_cast<std::size_t>(d));
        count *= static_cast<std::size_t>(d);
    }
    t.values.resize(count);
    // HDF5 converts float64 or integer data to float32 on the way.
    if (count > 0 &&
        H5Dread(set.get(), H5T_NATIVE_FLOAT, H5S_ALL, H5S_ALL, H5P_DEFAULT, t.values.data()) < 0)
        fail(where_, "dataset '" + path + "': cannot read its data (truncated or corrupt file?)");
    return t;
}

}  // namespace anne::h5
