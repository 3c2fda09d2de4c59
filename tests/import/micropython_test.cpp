// The AI-ANNE MicroPython parameter text: the IRIS-8 and IRIS-6 weights of the papers
// (docs FACTS.md §1) written the ways the papers and the original code write them, imported,
// and compared with the pre-installed model files, which were written by hand from the papers.
#include <gtest/gtest.h>

#include "error.hpp"
#include "import/import.hpp"
#include "support.hpp"

namespace anne {
namespace {

// IRIS-8 as FACTS.md §1 prints it: Keras's [input][unit], with the papers' activations.
const char* const iris8_keras =
    R"(w1 = [[-0.75323504, -0.25906014], [-0.46379513, -0.5019245], [2.1273055, 1.7724446], [1.1853403, 0.88468695]]
b1 = [0.53405946, 0.32578036]
w2 = [[-1.6785783, 2.0158117, 1.2769054], [-1.4055765, 0.6828738, 1.5902631]]
b2 = [1.18362, -1.1555661, -1.0966455]
w3 = [[0.729278, -1.0240695], [-0.80972326, 1.4383037], [-0.90892404, 1.6760625]]
b3 = [0.10695826, 0.01635581]
w4 = [[-0.2019448], [1.5772797]]
b4 = [-1.2177287]
)";

// The same network transposed by hand to [unit][input], the form the original code computes
// with: row j holds neuron j's weights.
const char* const iris8_transposed = R"(w1 = [[-0.75323504, -0.46379513, 2.1273055, 1.1853403],
      [-0.25906014, -0.5019245, 1.7724446, 0.88468695]]
b1 = [0.53405946, 0.32578036]
w2 = [[-1.6785783, -1.4055765],
      [2.0158117, 0.6828738],
      [1.2769054, 1.5902631]]
b2 = [1.18362, -1.1555661, -1.0966455]
w3 = [[0.729278, -0.80972326, -0.90892404],
      [-1.0240695, 1.4383037, 1.6760625]]
b3 = [0.10695826, 0.01635581]
w4 = [[-0.2019448, 1.5772797]]
b4 = [-1.2177287]
)";

// The layout of the original program: numpy-style spacing, comments, the literals in Keras's
// form turned around by the code itself, activations in the dense() calls.
const char* const iris8_program = R"(# Include Parameters from TensorFlow
w1 = [[-0.75323504, -0.25906014],
      [-0.46379513, -0.5019245 ],   # row of input 2
      [ 2.1273055 ,  1.7724446 ],
      [ 1.1853403 ,  0.88468695]]
b1 = [0.53405946, 0.32578036]
w2 = [[-1.6785783,  2.0158117,  1.2769054],
      [-1.4055765,  0.6828738,  1.5902631]]
b2 = [ 1.18362  , -1.1555661, -1.0966455]
w3 = [[ 0.729278  , -1.0240695 ],
      [-0.80972326,  1.4383037 ],
      [-0.90892404,  1.6760625 ]]
b3 = [0.10695826, 0.01635581]
w4 = [[-0.2019448],
      [ 1.5772797]]
b4 = [-1.2177287]

# Transpose
w1 = transpose(w1)
w2 = transpose(w2)
w3 = transpose(w3)
w4 = transpose(w4)

yout1 = dense(2, transpose(Xtest), w1, b1, 'relu')
yout2 = dense(3, yout1, w2, b2, 'sigmoid')
yout3 = dense(2, yout2, w3, b3, 'relu')
ypred = dense(1, yout3, w4, b4,'sigmoid')
)";

// IRIS-6 as Keras's model.get_weights() prints it (the papers' parameter files).
const char* const iris6_printout =
    R"([array([[ 0.50914556, -0.18116623, -0.04498423],
       [ 0.33949652, -0.42303845, -0.37400272],
       [-1.4968083 ,  1.2034143 ,  0.95544535],
       [-1.344156  ,  0.39220142,  1.2244085 ]], dtype=float32), array([0.83684736, 0.5311056 , 0.7652087 ], dtype=float32), array([[-2.1645586 ,  1.3892978 ],
       [ 0.43439832, -1.8758974 ],
       [ 0.92036045, -1.5745732 ]], dtype=float32), array([0.9615521, 0.4445824], dtype=float32), array([[ 1.6905344],
       [-2.6346245]], dtype=float32), array([0.4316521], dtype=float32)])";

model import_text(const std::string& text, const import_options& options = {}) {
    test::temp_dir dir;
    const std::string path = dir.file("params.py");
    test::write(path, text);
    return import_model({path}, options);
}

model reference(const char* name) {
    return load_model(test::source_dir() + "/models/" + name + ".json");
}

void expect_same_network(const model& imported, const model& expected) {
    ASSERT_EQ(imported.inputs, expected.inputs);
    ASSERT_EQ(imported.layers.size(), expected.layers.size());
    for (std::size_t k = 0; k < expected.layers.size(); ++k) {
        EXPECT_EQ(imported.layers[k].units, expected.layers[k].units) << "layer " << k + 1;
        EXPECT_EQ(imported.layers[k].activation, expected.layers[k].activation)
            << "layer " << k + 1;
        EXPECT_EQ(imported.layers[k].use_bias, expected.layers[k].use_bias) << "layer " << k + 1;
    }
    // Bit for bit: both read the same decimal text to the nearest float32.
    EXPECT_EQ(imported.params, expected.params);
}

const std::vector<std::string> iris8_activations = {"relu", "sigmoid", "relu", "sigmoid"};

TEST(ImportMicroPython, Iris8KerasFormMatchesTheModelFile) {
    import_options o;
    o.activations = iris8_activations;
    const model m = import_text(iris8_keras, o);
    expect_same_network(m, reference("iris8"));
    EXPECT_EQ(m.origin.framework, "AI-ANNE MicroPython");
    EXPECT_EQ(m.output.type, output_meaning::kind::binary);
    EXPECT_NE(m.origin.notes.find("[input][unit] (Keras), as their shapes show"), std::string::npos)
        << m.origin.notes;
}

TEST(ImportMicroPython, Iris8TransposedFormMatchesTheModelFile) {
    import_options o;
    o.activations = iris8_activations;
    const model m = import_text(iris8_transposed, o);
    expect_same_network(m, reference("iris8"));
    EXPECT_NE(m.origin.notes.find("[unit][input] (transposed"), std::string::npos)
        << m.origin.notes;
}

TEST(ImportMicroPython, Iris8ForcedLayoutAgreesWithDetection) {
    import_options o;
    o.activations = iris8_activations;
    o.layout = kernel_layout::transposed;
    expect_same_network(import_text(iris8_transposed, o), reference("iris8"));
    o.layout = kernel_layout::keras;
    expect_same_network(import_text(iris8_keras, o), reference("iris8"));
    // Forcing the wrong layout is caught by the shapes.
    o.layout = kernel_layout::transposed;
    EXPECT_THROW(import_text(iris8_keras, o), error);
}

TEST(ImportMicroPython, Iris8ProgramTakesActivationsFromDenseCalls) {
    const model m = import_text(iris8_program);
    expect_same_network(m, reference("iris8"));
    EXPECT_NE(m.origin.notes.find("transposes its kernels itself"), std::string::npos)
        << m.origin.notes;
    // The papers' first sample (row 76 of the Iris data), raw measurements standardized as the
    // model file says: the imported network has no preprocessing, so standardize here.
    const model ref = reference("iris8");
    std::vector<float> x(4);
    const std::vector<float> raw = {6.8f, 2.8f, 4.8f, 1.4f};
    ref.pre.apply(raw.data(), x.data(), 4);
    EXPECT_FLOAT_EQ(m.predict(x)[0], 0.21977696f);
}

TEST(ImportMicroPython, Iris6GetWeightsPrintout) {
    import_options o;
    o.activations = {"relu", "relu", "relu"};
    const model m = import_text(iris6_printout, o);
    expect_same_network(m, reference("iris6"));
}

TEST(ImportMicroPython, ActivationsOptionOverridesTheText) {
    import_options o;
    o.activations = {"relu", "tanh", "softmax", "sigmoid"};
    const model m = import_text(iris8_program, o);
    EXPECT_EQ(m.layers[1].activation, "tanh");
    EXPECT_EQ(m.layers[2].activation, "softmax");
}

TEST(ImportMicroPython, SquareKernelsNeedTheLayout) {
    const std::string square =
        "w1 = [[1.0, 2.0], [3.0, 4.0]]\nb1 = [0.5, -0.5]\n"
        "w2 = [[0.25, -1.0], [2.0, 0.0]]\nb2 = [0.0, 1.0]\n";
    import_options o;
    o.activations = {"relu", "linear"};
    try {
        import_text(square, o);
        FAIL() << "square kernels imported without a layout";
    } catch (const error& e) {
        EXPECT_NE(std::string(e.what()).find("--transposed"), std::string::npos) << e.what();
    }
    o.layout = kernel_layout::transposed;
    const model t = import_text(square, o);
    // [unit][input] row 0 = neuron 0's weights: kernel[input][unit] = {1, 3; 2, 4}.
    EXPECT_EQ(std::vector<float>(t.params.begin(), t.params.begin() + 4),
              (std::vector<float>{1.0f, 3.0f, 2.0f, 4.0f}));
    o.layout = kernel_layout::keras;
    const model k = import_text(square, o);
    EXPECT_EQ(std::vector<float>(k.params.begin(), k.params.begin() + 4),
              (std::vector<float>{1.0f, 2.0f, 3.0f, 4.0f}));
}

TEST(ImportMicroPython, PythonNumberSpellings) {
    // 1. and .5 and +2 and 1e-1, a trailing comma, a comment inside a literal.
    const std::string text =
        "w1 = [[1., .5, 3], [+2, -1e-1, 4.0E0],]  # two inputs\n"
        "b1 = [0, -.25,  # more to come\n 7]\n"
        "y = dense(3, x, w1, b1, \"linear\")\n";
    const model m = import_text(text);
    EXPECT_EQ(m.params,
              (std::vector<float>{1.0f, 0.5f, 3.0f, 2.0f, -0.1f, 4.0f, 0.0f, -0.25f, 7.0f}));
}

TEST(ImportMicroPython, MissingActivationIsAClearError) {
    try {
        import_text(iris8_keras);
        FAIL() << "imported without activations";
    } catch (const error& e) {
        const std::string what = e.what();
        EXPECT_NE(what.find("layer 1 has no activation"), std::string::npos) << what;
        EXPECT_NE(what.find("--activations"), std::string::npos) << what;
    }
}

TEST(ImportMicroPython, LeakyReluOfTheOriginalCodeIsAmbiguous) {
    std::string text = iris8_program;
    text.replace(text.find("'relu'"), 6, "'leaky_relu'");
    try {
        import_text(text);
        FAIL() << "'leaky_relu' imported without a slope";
    } catch (const error& e) {
        EXPECT_NE(std::string(e.what()).find("leaky_relu=0.01"), std::string::npos) << e.what();
    }
    import_options o;
    o.activations = {"leaky_relu=0.01", "sigmoid", "relu", "sigmoid"};
    const model m = import_text(text, o);
    EXPECT_EQ(m.layers[0].activation, "leaky_relu");
    EXPECT_FLOAT_EQ(m.layers[0].alpha, 0.01f);
}

TEST(ImportMicroPython, BadTextIsAClearError) {
    const auto message = [](const std::string& text) {
        try {
            import_options o;
            o.activations = {"relu"};
            import_text(text, o);
        } catch (const error& e) {
            return std::string(e.what());
        }
        return std::string("(no error)");
    };
    EXPECT_NE(message("w1 = [[1, 2], [3]]\nb1 = [1, 2]\n").find("rows have different lengths"),
              std::string::npos);
    EXPECT_NE(message("w1 = [[1, 2], [3, x]]\nb1 = [1, 2]\n").find("line 1"), std::string::npos);
    EXPECT_NE(message("w1 = [[1, 2], [3, 4]\nb1 = [1, 2]\n").find("expected ',' or ']'"),
              std::string::npos);
    EXPECT_NE(message("w1 = [[1, 2, 3]]\nb1 = [1, 2]\n").find("do not chain"), std::string::npos);
    EXPECT_NE(message("w1 = [[1e999]]\nb1 = [1]\n").find("not a finite float32"),
              std::string::npos);
    EXPECT_NE(message("w2 = [[1]]\nb2 = [1]\n").find("w1 is missing"), std::string::npos);
    EXPECT_NE(message("print([1, 2])\n").find("no parameters found"), std::string::npos);
}

}  // namespace
}  // namespace anne
