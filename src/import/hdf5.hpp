// Reading the HDF5 files Keras writes, through the HDF5 C API: a file opened from bytes in
// memory (a .h5 file read whole, or model.weights.h5 taken out of a .keras zip), its string
// attributes (Keras writes both fixed- and variable-length strings) and its float datasets.
//
// HDF5 prints its own error stack to stderr by default; it is switched off here, and every
// failure becomes one anne::error naming the file and the object.
#pragma once

#include <string>
#include <vector>

#include <hdf5.h>

#include "import/tensor.hpp"

namespace anne::h5 {

/// @brief True if the bytes start like an HDF5 file (its signature, at 0 or a power of two
/// from 512 on when the file has a user block).
bool is_hdf5(const std::string& bytes);

/// @brief An HDF5 identifier that closes itself (H5Fclose, H5Gclose, ...).
class handle {
public:
    handle(hid_t id, herr_t (*close)(hid_t)) : id_(id), close_(close) {}
    handle(const handle&) = delete;
    handle& operator=(const handle&) = delete;
    ~handle() {
        if (id_ >= 0) close_(id_);
    }
    hid_t get() const { return id_; }
    bool valid() const { return id_ >= 0; }

private:
    hid_t id_;
    herr_t (*close_)(hid_t);
};

/// @brief An HDF5 file opened read-only from bytes held in memory.
class file {
public:
    /// @brief Opens the image; `where` names it in every error ("model.h5").
    file(const std::string& bytes, std::string where);

    const std::string& where() const { return where_; }

    /// @brief True if `path` ("model_weights/dense_1") names an existing group or dataset.
    bool exists(const std::string& path) const;
    /// @brief True if the object at `path` ("/" for the root) has the attribute.
    bool has_attribute(const std::string& path, const std::string& name) const;
    /// @brief A string attribute, scalar or a list. An empty numeric array (how Keras writes an
    /// empty `weight_names` list) reads as no strings.
    std::vector<std::string> strings(const std::string& path, const std::string& name) const;
    /// @brief A scalar string attribute (e.g. the root's `model_config`).
    std::string string(const std::string& path, const std::string& name) const;
    /// @brief The names of a group's members, in name order.
    std::vector<std::string> members(const std::string& path) const;
    /// @brief A float (or integer) dataset read as float32, with its shape.
    tensor dataset(const std::string& path) const;

private:
    std::string where_;
    handle file_;
};

}  // namespace anne::h5
