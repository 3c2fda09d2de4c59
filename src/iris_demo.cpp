#include "iris_demo.hpp"

namespace anne {

const std::vector<std::string>& iris_classes() {
    static const std::vector<std::string> names = {"versicolor", "virginica"};
    return names;
}

const std::vector<activation_variant>& iris_activation_variants() {
    static const std::vector<activation_variant> variants = {
        {"IRIS-8", {"relu", "sigmoid", "relu", "sigmoid"}, "one paper (used by the model file)"},
        {"IRIS-8", {"relu", "tanh", "softmax", "sigmoid"}, "the other paper"},
        {"IRIS-8",
         {"tanh", "sigmoid", "relu", "sigmoid"},
         "the original repository's iris_example/main.py"},
        {"IRIS-6", {"relu", "relu", "relu"}, "the published MicroPython code (model file)"},
        {"IRIS-6", {"relu", "sigmoid", "sigmoid"}, "the working paper's text"},
    };
    return variants;
}

model with_activations(const model& m, const std::vector<std::string>& activations) {
    model v = m;
    for (std::size_t k = 0; k < v.layers.size(); ++k) v.layers[k].activation = activations[k];
    v.bind();
    return v;
}

scored score(const model& m, const labelled_samples& split, confusion& c) {
    scored s;
    for (std::size_t i = 0; i < split.x.size(); ++i) {
        s.outputs.push_back(m.predict(split.x[i]));
        s.predicted.push_back(m.decide(s.outputs.back()));
        c.cm.add(split.y[i], s.predicted.back());
    }
    return s;
}

}  // namespace anne
