#include "preprocessing.hpp"

namespace anne {

namespace {

/// Each kind's names, in one table: the model file's, the parameters', and for people.
struct form {
    preprocessing::kind type;
    const char* name;
    const char* a;  // the first parameter: subtracted
    const char* b;  // the second: divides (standardize) or ends the range (minmax)
    const char* title;
};

constexpr form forms[] = {
    {preprocessing::kind::none, "none", nullptr, nullptr, "none"},
    {preprocessing::kind::standardize, "standardize", "mean", "std", "standardization"},
    {preprocessing::kind::minmax, "minmax", "min", "max", "min-max scaling"},
};

const form& form_of(preprocessing::kind k) {
    for (const form& f : forms)
        if (f.type == k) return f;
    return forms[0];
}

}  // namespace

void preprocessing::apply(const float* raw, float* x, std::size_t inputs) const {
    for (std::size_t i = 0; i < inputs; ++i) {
        switch (type) {
        case kind::none: x[i] = raw[i]; break;
        case kind::standardize: x[i] = (raw[i] - mean[i]) / stddev[i]; break;
        case kind::minmax: x[i] = (raw[i] - min[i]) / (max[i] - min[i]); break;
        }
    }
}

std::vector<std::pair<const char*, const std::vector<float>*>> preprocessing::parameters() const {
    std::vector<std::pair<const char*, const std::vector<float>*>> p;
    for (const auto& [name, values] : const_cast<preprocessing&>(*this).parameters())
        p.emplace_back(name, values);  // the same vectors, read only
    return p;
}

std::vector<std::pair<const char*, std::vector<float>*>> preprocessing::parameters() {
    const form& f = form_of(type);
    switch (type) {
    case kind::none: break;
    case kind::standardize: return {{f.a, &mean}, {f.b, &stddev}};
    case kind::minmax: return {{f.a, &min}, {f.b, &max}};
    }
    return {};
}

const char* preprocessing::invalid(std::size_t i) const {
    switch (type) {
    case kind::none: break;
    case kind::standardize:
        if (!(stddev[i] > 0.0f)) return "a standard deviation must be > 0";
        break;
    case kind::minmax:
        if (!(max[i] > min[i])) return "max must be greater than min";
        break;
    }
    return nullptr;
}

std::string preprocessing::formula(const std::string& x, const std::string& a,
                                   const std::string& b) const {
    switch (type) {
    case kind::none: break;
    case kind::standardize: return "(" + x + " - " + a + ") / " + b;
    case kind::minmax: return "(" + x + " - " + a + ") / (" + b + " - " + a + ")";
    }
    return x;
}

std::string preprocessing::formula(const std::string& x, const std::string& a, const std::string& b,
                                   const std::string& divide) const {
    switch (type) {
    case kind::none: break;
    case kind::standardize: return divide + "(" + x + " - " + a + ", " + b + ")";
    case kind::minmax: return divide + "(" + x + " - " + a + ", " + b + " - " + a + ")";
    }
    return x;
}

std::string preprocessing::formula(const std::string& x) const {
    const form& f = form_of(type);
    return type == kind::none ? x : formula(x, f.a, f.b);
}

const char* preprocessing::name() const { return form_of(type).name; }

const char* preprocessing::title() const { return form_of(type).title; }

bool preprocessing_kind(const std::string& name, preprocessing::kind& k) {
    for (const form& f : forms)
        if (name == f.name) {
            k = f.type;
            return true;
        }
    return false;
}

const char* preprocessing_kinds() { return "\"none\", \"standardize\" or \"minmax\""; }

}  // namespace anne
