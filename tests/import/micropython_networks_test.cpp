// MicroPython programs laid out as the original project's iris_example and diabetes_example
// main.py (written here, not copied): two networks inside one function, w1..w4/b1..b4 and then
// w5..w7/b5..b7, numpy's print layout over several lines, `wN = transpose(wN)`, dense() lines
// amid display code and data. One network is imported at a time with --network N; without it
// the error lists them. The weights are the papers' IRIS-8 and IRIS-6 (FACTS.md §1), so the
// results are compared with the pre-installed model files; the 8-input network is checked
// against a forward pass written out here.
#include <cmath>

#include <gtest/gtest.h>

#include "error.hpp"
#include "import/import.hpp"
#include "support.hpp"

namespace anne {
namespace {

const char* const two_network_program = R"(from machine import Pin, SPI, PWM
import utime

def neural_network():
    # Activation functions
    def transpose(M):
        return [[M[j][i] for j in range(len(M))] for i in range(len(M[0]))]

    # Test data
    Xtest = [[ 8.1575475e-01, -2.1746808e-01, -1.2904165e-01, -6.5303909e-01],
       [ 5.761837e-02,  1.59476592e+00,  8.4485761e-01,  1.71304456e+00]]
    ytrue = [0,1]

    # Include parameters
    w1 = [[-0.75323504, -0.25906014],
          [-0.46379513, -0.5019245 ],
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

    # Run neural network
    yout1 = dense(2, transpose(Xtest), w1, b1, 'tanh') # input layer: 2 neurons
    yout2 = dense(3, yout1, w2, b2, 'sigmoid') # hidden layer: 3 neurons
    yout3 = dense(2, yout2, w3, b3, 'relu') # hidden layer: 2 neurons
    ypred = dense(1, yout3, w4, b4,'sigmoid') # output layer: 1 neuron
    print("Predictions with 8 neurons:")
    LCD.text("Accuracy: 0.9000",25,45,WHITE)

    # Include parameters (small)
    w5 = [[ 0.50914556, -0.18116623, -0.04498423],
          [ 0.33949652, -0.42303845, -0.37400272],
          [-1.4968083 ,  1.2034143 ,  0.95544535],
          [-1.344156  ,  0.39220142,  1.2244085 ]]
    b5 = [0.83684736, 0.5311056 , 0.7652087 ]
    w6 = [[-2.1645586 ,  1.3892978 ],
          [ 0.43439832, -1.8758974 ],
          [ 0.92036045, -1.5745732 ]]
    b6 = [0.9615521, 0.4445824]
    w7 = [[ 1.6905344],
          [-2.6346245]]
    b7 = [0.4316521]

    # Transpose (small)
    w5 = transpose(w5)
    w6 = transpose(w6)
    w7 = transpose(w7)

    # Run neural network (small)
    yout4 = dense(3, transpose(Xtest), w5, b5, 'relu') # input layer: 3 neurons
    yout5 = dense(2, yout4, w6, b6, 'relu') # hidden layer: 2 neurons
    ypred = dense(1, yout5, w7, b7,'relu') # output layer: 1 neuron
    LCD.show()
)";

model import_program(const std::string& text, std::size_t network) {
    test::temp_dir dir;
    const std::string path = dir.file("main.py");
    test::write(path, text);
    import_options o;
    o.network = network;
    return import_model({path}, o);
}

std::string import_error(const std::string& text, std::size_t network) {
    try {
        import_program(text, network);
    } catch (const error& e) {
        return e.what();
    }
    return "";
}

TEST(ImportMicroPythonNetworks, WithoutNetworkTheErrorListsThem) {
    const std::string what = import_error(two_network_program, 0);
    EXPECT_NE(what.find("the text holds 2 networks; choose one with --network N"),
              std::string::npos)
        << what;
    EXPECT_NE(what.find("network 1: 4 layers (w1 to w4), units and activations 2 tanh -> 3 "
                        "sigmoid -> 2 relu -> 1 sigmoid"),
              std::string::npos)
        << what;
    EXPECT_NE(what.find("network 2: 3 layers (w5 to w7), units and activations 3 relu -> 2 relu "
                        "-> 1 relu"),
              std::string::npos)
        << what;
    EXPECT_NE(import_error(two_network_program, 3).find("--network 3: the text holds 2 networks"),
              std::string::npos);
}

TEST(ImportMicroPythonNetworks, EachNetworkIsThePapersOne) {
    const model first = import_program(two_network_program, 1);
    const model iris8 = load_model("iris8");
    EXPECT_EQ(first.params, iris8.params);  // the same decimal text, to the nearest float32
    ASSERT_EQ(first.layers.size(), 4u);
    const char* const acts[] = {"tanh", "sigmoid", "relu", "sigmoid"};
    for (std::size_t k = 0; k < 4; ++k) EXPECT_EQ(first.layers[k].activation, acts[k]);
    EXPECT_NE(first.origin.notes.find("network 1 of 2 in the text: w1 to w4"), std::string::npos)
        << first.origin.notes;

    const model second = import_program(two_network_program, 2);
    const model iris6 = load_model("iris6");
    EXPECT_EQ(second.params, iris6.params);
    for (const layer_info& l : second.layers) EXPECT_EQ(l.activation, "relu");
}

// The diabetes example's layout: 8 inputs, exponent notation in the data, relu and sigmoid.
TEST(ImportMicroPythonNetworks, EightInputsAsTheDiabetesExample) {
    const std::string program = R"(def neural_network():
    Xtest = [[6.39947260e-01, -5.60047745e-01, 1.49640753e-01,
              7.19085742e-01, 9.56859653e-01, 7.24381677e-01,
              -4.46603982e-01, 1.85143417e+00]]
    w1 = [[ 0.5,  -0.25],
           [ 0.125, 0.75],
           [-1.0 ,  0.5 ],
           [ 0.25,  0.25],
           [ 0.0 , -0.5 ],
           [ 1.5 ,  0.0 ],
           [-0.75,  1.0 ],
           [ 0.5 ,  0.5 ]]
    b1 = [0.1 , -0.2]
    w2 = [[ 1.25],
           [-0.5 ]]
    b2 = [0.3]
    w1 = transpose(w1)
    w2 = transpose(w2)
    yout1 = dense(2, transpose(Xtest), w1, b1, 'relu') # input layer (2 neurons)
    ypred = dense(1, yout1, w2, b2,'sigmoid') # output layer (1 neuron)
    w3 = [[ 2.0]]
    b3 = [0.0]
    w3 = transpose(w3)
    other = dense(1, transpose(Xtest), w3, b3, 'relu')
)";
    const model m = import_program(program, 1);
    ASSERT_EQ(m.inputs, 8u);
    // x = (1, ..., 8): z1 = 0.5 + 0.25 - 3 + 1 + 0 + 9 - 5.25 + 4 + 0.1 = 6.6,
    // z2 = -0.25 + 1.5 + 1.5 + 1 - 2.5 + 0 + 7 + 4 - 0.2 = 12.05; y = sigmoid(1.25 z1 - 0.5 z2 +
    // 0.3).
    std::vector<float> x = {1, 2, 3, 4, 5, 6, 7, 8};
    const double z = 1.25 * 6.6 - 0.5 * 12.05 + 0.3;
    EXPECT_NEAR(m.predict(x)[0], 1.0 / (1.0 + std::exp(-z)), 1e-6);
    EXPECT_EQ(m.output.type, output_meaning::kind::binary);
}

}  // namespace
}  // namespace anne
