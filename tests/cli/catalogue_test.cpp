// The catalogue of bad inputs (docs/reliability.md): one table, one runner. Each entry writes
// its files into a fresh folder, runs anne there as a user would, and expects one error line
// "anne: error: " naming the file, the place and what was expected, exit code 1, and no file
// left behind: the folder holds afterwards exactly the files the entry wrote.
#include <gtest/gtest.h>

#include <sys/wait.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <string>
#include <vector>

#include <onnx/onnx_pb.h>

#include "run.hpp"
#include "support/text.hpp"

namespace {

using anne::test::slurp;

namespace fs = std::filesystem;

const std::string& iris8() {
    static const std::string text = slurp(ANNE_SOURCE_DIR "/models/iris8.json");
    return text;
}
const std::string& iris_csv() {
    static const std::string text = slurp(ANNE_SOURCE_DIR "/data/iris.csv");
    return text;
}

// text with the first `from` replaced by `to` (which must be there: the table is checked).
std::string with(const std::string& text, const std::string& from, const std::string& to) {
    const std::size_t at = text.find(from);
    if (at == std::string::npos) throw std::runtime_error("not in the text: " + from);
    return text.substr(0, at) + to + text.substr(at + from.size());
}

const std::string header = "sepal_length,sepal_width,petal_length,petal_width,species\n";
const std::string row = "6.8,2.8,4.8,1.4,versicolor\n";

std::string utf16(const std::string& ascii) {
    std::string s = "\xff\xfe";
    for (char c : ascii) s += std::string(1, c) + '\0';
    return s;
}

// A TensorFlow.js model.json of one Dense layer 2 -> 1 whose manifest lists weights.bin.
const std::string tfjs_model =
    R"({"modelTopology": {"class_name": "Sequential", "config": {"layers": [{"class_name":)"
    R"( "Dense", "config": {"name": "dense", "units": 1, "activation": "sigmoid",)"
    R"( "batch_input_shape": [null, 2]}}]}}, "weightsManifest": [{"paths": ["weights.bin"],)"
    R"( "weights": [{"name": "dense/kernel", "shape": [2, 1], "dtype": "float32"},)"
    R"( {"name": "dense/bias", "shape": [1], "dtype": "float32"}]}]})";

// iris8 as anne exports it to ONNX (4 -> 2 relu -> 3 sigmoid -> 2 relu -> 1 sigmoid, Gemm
// nodes, weights as float_data initializers), changed by `edit`.
std::string iris8_onnx(void (*edit)(onnx::ModelProto&) = nullptr) {
    static const std::string exported = [] {
        const std::string dir = anne::test::scratch_dir("catalogue_onnx");
        const anne::test::result r =
            anne::test::anne("export iris8 --target onnx -o '" + dir + "/iris8.onnx'");
        if (r.code != 0) throw std::runtime_error("anne export --target onnx: " + r.err);
        return slurp(dir + "/iris8.onnx");
    }();
    if (!edit) return exported;
    onnx::ModelProto m;
    if (!m.ParseFromString(exported)) throw std::runtime_error("the exported ONNX does not parse");
    edit(m);
    return m.SerializeAsString();
}

onnx::TensorProto& initializer(onnx::ModelProto& m, const std::string& name) {
    for (onnx::TensorProto& t : *m.mutable_graph()->mutable_initializer())
        if (t.name() == name) return t;
    throw std::runtime_error("no initializer " + name);
}

// A tensor's shape and values replaced (zeros).
void reshape(onnx::TensorProto& t, std::vector<std::int64_t> dims, std::size_t values) {
    t.clear_dims();
    for (std::int64_t d : dims) t.add_dims(d);
    t.clear_float_data();
    for (std::size_t i = 0; i < values; ++i) t.add_float_data(0.0f);
}

const std::string train = "train data.csv --epochs 1 -q --target species --layers ";

struct bad_input {
    std::string what;                          // the class, as docs/reliability.md names it
    std::map<std::string, std::string> files;  // written into the folder first
    std::string command;                       // {anne} stands for the program
    std::string message;                       // the error line must contain this
};

const std::vector<bad_input>& catalogue() {
    static const std::vector<bad_input> table = {
        // Model files.
        {"empty model file",
         {{"m.json", ""}},
         "{anne} info m.json",
         "m.json: empty file: expected JSON text"},
        {"model file of blanks only",
         {{"m.json", " \n\t\n"}},
         "{anne} info m.json",
         "m.json: empty file: expected JSON text"},
        {"truncated model file",
         {{"m.json", iris8().substr(0, 900)}},
         "{anne} info m.json",
         "m.json: not valid JSON: parse error at line 23, column 29"},
        {"model file in UTF-16",
         {{"m.json", utf16("{\"format\": \"anne-model\"}")}},
         "{anne} info m.json",
         "m.json: the file is UTF-16 (it starts with a UTF-16 byte-order"},
        {"model file in UTF-32",
         {{"m.json", std::string("\xff\xfe\0\0{", 5)}},
         "{anne} info m.json",
         "m.json: the file is UTF-32"},
        {"model file with a Latin-1 byte",
         {{"m.json", with(iris8(), "IRIS-8", "IRIS-\xe9")}},
         "{anne} info m.json",
         "m.json:4: a byte that is not UTF-8 text"},
        {"model file with a NUL byte",
         {{"m.json", with(iris8(), "IRIS-8", std::string("\0", 1))}},
         "{anne} info m.json",
         "m.json:4: a NUL byte: expected UTF-8 text"},
        {"NaN in a model",
         {{"m.json", with(iris8(), "-0.75323504", "NaN")}},
         "{anne} info m.json",
         "m.json: not valid JSON: parse error at line 20, column 10"},
        {"number beyond float32 in a model",
         {{"m.json", with(iris8(), "-0.75323504", "1e39")}},
         "{anne} info m.json",
         "m.json: number overflow parsing '1e39': larger than a float32"},
        {"text for a number in a model",
         {{"m.json", with(iris8(), "-0.75323504", "\"x\"")}},
         "{anne} info m.json",
         "m.json: $.layers[0].kernel[0][0]: expected a number"},
        {"shapes that do not chain",
         {{"m.json", with(iris8(), "\"units\": 3", "\"units\": 4")}},
         "{anne} info m.json",
         "m.json: $.layers[1].kernel[0]: expected 4 numbers, got 3"},
        {"kernel with a row too few",
         {{"m.json", with(iris8(), ",\n        [1.1853403, 0.88468695]", "")}},
         "{anne} info m.json",
         "m.json: $.layers[0].kernel: expected 4 rows"},
        {"bias of the wrong length",
         {{"m.json", with(iris8(), "[0.53405946, 0.32578036]", "[0.53405946]")}},
         "{anne} info m.json",
         "m.json: $.layers[0].bias: expected 2 numbers, got 1"},
        {"unknown activation",
         {{"m.json", with(iris8(), "\"activation\": \"sigmoid\"", "\"activation\": \"sigmod\"")}},
         "{anne} info m.json",
         "m.json: $.layers[1].activation: unknown activation \"sigmod\"; "
         "known: linear, relu"},
        {"unknown layer type",
         {{"m.json", with(iris8(), "\"dense\"", "\"conv2d\"")}},
         "{anne} info m.json",
         "m.json: $.layers[0].type: expected \"dense\""},
        {"not a model file format",
         {{"m.json", with(iris8(), "\"anne-model\"", "\"keras\"")}},
         "{anne} info m.json",
         "m.json: $.format: expected \"anne-model\""},
        {"unsupported format version",
         {{"m.json", with(iris8(), "\"version\": 1", "\"version\": 2")}},
         "{anne} info m.json",
         "m.json: $.version: version 2 is not supported (this anne reads 1)"},
        {"model without layers",
         {{"m.json", with(iris8(), "\"layers\"", "\"Layers\"")}},
         "{anne} info m.json",
         "m.json: $: missing \"layers\""},
        {"a JSON array for a model",
         {{"m.json", "[1, 2]"}},
         "{anne} info m.json",
         "m.json: $: expected a model object"},
        {"zero units",
         {{"m.json", with(iris8(), "\"units\": 1", "\"units\": 0")}},
         "{anne} info m.json",
         "m.json: $.layers[3].units: "},
        {"standard deviation of 0",
         {{"m.json", with(iris8(), "0.65951194", "0")}},
         "{anne} info m.json",
         "m.json: $.preprocessing.std[0]: a standard deviation must be > 0"},
        {"leaky_relu without its slope",
         {{"m.json", with(iris8(), "\"activation\": \"relu\"", "\"activation\": \"leaky_relu\"")}},
         "{anne} info m.json",
         "m.json: $.layers[0]: activation \"leaky_relu\" needs \"alpha\""},
        {"class names that do not fit the output",
         {{"m.json", with(iris8(), "[\"versicolor\", \"virginica\"]", "[\"versicolor\"]")}},
         "{anne} info m.json",
         "m.json: $.output.classes: a binary output has 2 class names"},
        {"self-test that fails (a weight changed by 0.01)",
         {{"m.json", with(iris8(), "-0.75323504", "-0.76323504")}},
         "{anne} info m.json",
         "m.json: self-test failed: for case "},
        {"self-test that fails (an activation changed)",
         {{"m.json", with(iris8(), "\"activation\": \"relu\"", "\"activation\": \"elu\"")}},
         "{anne} info m.json",
         "m.json: self-test failed: for case "},
        {"a folder given for a model file",
         {{"d/x", ""}},
         "{anne} info d",
         "d: a folder, expected a file"},
        {"a model file that does not exist",
         {},
         "{anne} info m.json",
         "m.json: cannot open: No such file or directory"},
        // CSV files.
        {"empty CSV file",
         {{"data.csv", ""}},
         "{anne} eval iris8 data.csv",
         "data.csv: empty file: expected a header row naming the columns"},
        {"CSV file with a header only",
         {{"data.csv", header}},
         "{anne} eval iris8 data.csv",
         "data.csv: no data rows after the header"},
        {"CSV row with a cell too few",
         {{"data.csv", header + "6.8,2.8,4.8,versicolor\n"}},
         "{anne} eval iris8 data.csv",
         "data.csv:2: expected 5 cells (as in the header), got 4"},
        {"CSV row with a cell too many",
         {{"data.csv", header + row + "1,2,3,4,5,6\n"}},
         "{anne} eval iris8 data.csv",
         "data.csv:3: expected 5 cells (as in the header), got 6"},
        {"NaN in a CSV file",
         {{"data.csv", header + with(row, "2.8", "nan")}},
         "{anne} eval iris8 data.csv",
         "data.csv:2: column \"sepal_width\": expected a number, got \"nan\""},
        {"infinity in a CSV file",
         {{"data.csv", header + with(row, "2.8", "-inf")}},
         "{anne} eval iris8 data.csv",
         "data.csv:2: column \"sepal_width\": expected a number, got \"-inf\""},
        {"number beyond float32 in a CSV file",
         {{"data.csv", header + with(row, "2.8", "1e39")}},
         "{anne} eval iris8 data.csv",
         "data.csv:2: column \"sepal_width\": expected a number, got \"1e39\""},
        {"text in a number column",
         {{"data.csv", header + row + with(row, "4.8", "four")}},
         "{anne} eval iris8 data.csv",
         "data.csv:3: column \"petal_length\": expected a number, got \"four\""},
        {"duplicate CSV column",
         {{"data.csv", with(header, "petal_width", "sepal_width") + row}},
         "{anne} eval iris8 data.csv",
         "data.csv:1: column \"sepal_width\" appears twice (columns 2 and 4)"},
        {"missing CSV column",
         {{"data.csv", "sepal_length,sepal_width,petal_length,species\n6.8,2.8,4.8,versicolor\n"}},
         "{anne} eval iris8 data.csv",
         "data.csv: no column \"petal_width\" (a feature of the "
         "model; the columns are: sepal_length"},
        {"label that is not a class of the model",
         {{"data.csv", header + row + with(row, "versicolor", "rose")}},
         "{anne} eval iris8 data.csv",
         "data.csv:3: label \"rose\" is not one of the model's classes (versicolor, virginica)"},
        {"target column that does not exist",
         {{"data.csv", header + row}},
         "{anne} eval iris8 data.csv --target kind",
         "data.csv: no column \"kind\" (the columns are: sepal_length"},
        {"CSV file in UTF-16",
         {{"data.csv", utf16(header + row)}},
         "{anne} eval iris8 data.csv",
         "data.csv: the file is UTF-16"},
        {"CSV file with a Latin-1 byte",
         {{"data.csv", header + row + with(row, "versicolor", "versicolor\xe9")}},
         "{anne} eval iris8 data.csv",
         "data.csv:3: a byte that is not UTF-8 text"},
        {"a folder given for a CSV file",
         {{"data.csv/x", ""}},
         "{anne} eval iris8 data.csv",
         "data.csv: a folder, expected a file"},
        {"training data larger than anne train holds",
         {},
         "truncate -s 65M big.csv && {anne} train big.csv --target species --layers "
         "2:relu,1:sigmoid "
         "-o m.json; code=$?; rm big.csv; exit $code",
         "big.csv: a CSV file of 65 MiB; anne train holds all its data in memory and takes at "
         "most 64 MiB of CSV"},
        {"training data without the target column",
         {{"data.csv", header + row}},
         "{anne} train data.csv --target kind --layers 2:relu,1:sigmoid -o m.json",
         "data.csv: no column \"kind\""},
        // Writing.
        {"output into a folder that does not exist",
         {{"data.csv", iris_csv()}},
         "{anne} " + train + "2:relu,3:softmax --loss cce -o missing/m.json",
         "missing/m.json: cannot write: No such file or directory"},
        {"output that is a folder",
         {{"data.csv", iris_csv()}, {"m.json/x", ""}},
         "{anne} " + train + "2:relu,3:softmax --loss cce -o m.json",
         "m.json: cannot replace: Is a directory"},
        {"a file that cannot be written",
         {{"data.csv", iris_csv()}},
         "{anne} " + train + "2:relu,3:softmax --loss cce -o /proc/m.json",
         "/proc/m.json: cannot write: "},
        {"a full disk (file size limit)",
         {{"data.csv", iris_csv()}},
         "ulimit -f 4 && {anne} " + train + "300:relu,3:softmax --loss cce -o m.json",
         "m.json: cannot write: File too large (is the disk full?)"},
        {"a full disk while exporting",
         {},
         "ulimit -f 1 && {anne} export iris8 --target c -o out.c",
         "cannot write: File too large (is the disk full?)"},
        // Command-line values and other readers.
        {"unknown activation for training",
         {{"data.csv", iris_csv()}},
         "{anne} " + train + "2:relux,3:softmax --loss cce -o m.json",
         "--layers \"2:relux\": unknown activation \"relux\""},
        {"NaN as an input value",
         {},
         "{anne} predict iris8 6.8 2.8 4.8 nan",
         "input 4: expected a finite number (float32), got \"nan\""},
        {"too few input values",
         {},
         "{anne} predict iris8 6.8 2.8 4.8",
         "iris8: expected 4 input values (sepal_length sepal_width petal_length petal_width), "
         "got 3"},
        {"training log that is not JSON",
         {{"log.json", header + row}},
         "{anne} report iris8 --log log.json -o r.html",
         "log.json: not valid JSON: parse error at line 1, column 1"},
        {"training log without epochs",
         {{"log.json",
           "{\"format\": \"anne-training-log\", "
           "\"version\": 1}"}},
         "{anne} report iris8 --log log.json -o r.html",
         "log.json: $: missing \"epochs\""},
        {"import of a file that is no model",
         {{"data.csv", header + row}},
         "{anne} import data.csv -o m.json",
         "data.csv: not a recognized model file: expected"},
        {"TensorFlow.js shard that is missing",
         {{"model.json", tfjs_model}},
         "{anne} import model.json -o m.json",
         "model.json: weights shard 'weights.bin' listed in the manifest: "},
        // Found by the tfjs fuzz target: the name made std::filesystem throw its own error.
        {"TensorFlow.js shard whose name is too long",
         {{"model.json", with(tfjs_model, "weights.bin", std::string(300, 'w'))}},
         "{anne} import model.json -o m.json",
         std::string(300, 'w') + ": cannot open: File name too long"},
        {"TensorFlow.js shard that is too short",
         {{"model.json", tfjs_model}, {"weights.bin", std::string(8, '\0')}},
         "{anne} import model.json -o m.json",
         "model.json: weight group 1: its shards hold 8 bytes, its weights need 12 (a shard is "
         "too short)"},
        {"TensorFlow.js weight shape whose product overflows",
         {{"model.json", with(tfjs_model, "[2, 1]", "[4294967296, 4294967296, 2]")},
          {"weights.bin", std::string(12, '\0')}},
         "{anne} import model.json -o m.json",
         "model.json: weight 'dense/kernel': its shape [4294967296,4294967296,2] has more than "
         "2^28 "
         "values"},
        {"TensorFlow.js weight shape with a negative size",
         {{"model.json", with(tfjs_model, "[2, 1]", "[-2, 1]")},
          {"weights.bin", std::string(12, '\0')}},
         "{anne} import model.json -o m.json",
         "model.json: weight 'dense/kernel': expected a shape of whole numbers >= 0, got -2"},
        {"MicroPython kernels whose shapes do not chain",
         {{"m.py", "w1 = [[1, 2], [3, 4], [5, 6]]\nb1 = [0, 0]\nw2 = [[1], [2], [3]]\nb2 = [0]\n"}},
         "{anne} import m.py --activations relu,sigmoid -o m.json",
         "m.py: the kernel shapes do not chain in either orientation"},
        // Found by the micropython fuzz target: std::stoul threw std::out_of_range.
        {"MicroPython layer number too large",
         {{"m.py",
           "w1 = [[1, 2], [3, 4]]\nb1 = [0, 0]\n"
           "y = dense(2, x, w99999999999999999999, b1, 'relu')\n"}},
         "{anne} import m.py -o m.json",
         "m.py: line 3: dense(...): the kernel's number 99999999999999999999 is too large"},
        // ONNX files (anne's own export of iris8, changed).
        {"truncated ONNX file",
         {{"m.onnx", iris8_onnx().substr(0, 700)}},
         "{anne} import m.onnx -o m.json",
         "m.onnx: starts like an ONNX file but does not parse as one (a protobuf ModelProto with "
         "a graph): damaged or truncated"},
        {"ONNX operator that is not supported",
         {{"m.onnx", iris8_onnx([](onnx::ModelProto& m) {
               m.mutable_graph()->mutable_node(3)->set_op_type("LogSoftmax");
           })}},
         "{anne} import m.onnx -o m.json",
         "m.onnx: node 'dense_1/Relu_4' (LogSoftmax): not supported; supported: Gemm, MatMul"},
        {"ONNX opset that is too old",
         {{"m.onnx",
           iris8_onnx([](onnx::ModelProto& m) { m.mutable_opset_import(0)->set_version(8); })}},
         "{anne} import m.onnx -o m.json",
         "m.onnx: ONNX opset 8"},
        {"ONNX weights whose shapes do not chain",
         {{"m.onnx", iris8_onnx([](onnx::ModelProto& m) {
               reshape(initializer(m, "dense_2.kernel"), {3, 3}, 9);  // (2, 3) in iris8
           })}},
         "{anne} import m.onnx -o m.json",
         "m.onnx: node 'dense_2/Gemm_5' (Gemm): the weight has shape (3, 3) but its input has 2"},
        {"ONNX node without an output",  // found by fuzzing (a Softmax without outputs)
         {{"m.onnx", iris8_onnx([](onnx::ModelProto& m) {
               m.mutable_graph()->mutable_node(9)->clear_output();  // the last Sigmoid
           })}},
         "{anne} import m.onnx -o m.json",
         "m.onnx: node 'dense_4/Sigmoid_10' (Sigmoid): has no output: expected at least one"},
        {"ONNX graph with a cycle",  // found by fuzzing (a Selu whose output was its input)
         {{"m.onnx", iris8_onnx([](onnx::ModelProto& m) {
               onnx::NodeProto& relu = *m.mutable_graph()->mutable_node(3);
               relu.set_output(0, relu.input(0));
           })}},
         "{anne} import m.onnx -o m.json",
         "m.onnx: value 'dense_1/Gemm_3_output' is computed from itself (the graph has a cycle): "
         "expected a chain from the input to the output"},
        {"ONNX Gemm with one input",
         {{"m.onnx", iris8_onnx([](onnx::ModelProto& m) {
               m.mutable_graph()->mutable_node(2)->mutable_input()->RemoveLast();
               m.mutable_graph()->mutable_node(2)->mutable_input()->RemoveLast();
           })}},
         "{anne} import m.onnx -o m.json",
         "m.onnx: node 'dense_1/Gemm_3' (Gemm): has 1 input: ONNX's Gemm takes 2 or 3"},
        {"ONNX tensor larger than anne import reads",
         {{"m.onnx", iris8_onnx([](onnx::ModelProto& m) {
               reshape(initializer(m, "dense_1.kernel"), {32768, 16385}, 0);  // > 2^28 values
           })}},
         "{anne} import m.onnx -o m.json",
         "m.onnx: initializer 'dense_1.kernel': its shape (32768, 16385) has more than 2^28 "
         "values, the most anne import reads in one tensor (1 GiB of float32)"},
        {"truncated .keras archive",
         {{"m.keras", std::string("PK\x03\x04\x14\0\0\0", 8)}},
         "{anne} import m.keras -o m.json",
         "m.keras: not a readable zip archive"},
    };
    return table;
}

class Catalogue : public testing::TestWithParam<std::size_t> {};

TEST_P(Catalogue, OneClearErrorNoExitZeroNothingWritten) {
    const bad_input& b = catalogue()[GetParam()];
    const std::string dir = anne::test::scratch_dir("catalogue");
    std::set<std::string> before;
    for (const auto& [name, content] : b.files) {
        const fs::path p = fs::path(dir) / name;
        fs::create_directories(p.parent_path());
        std::ofstream(p, std::ios::binary) << content;
    }
    for (const auto& e : fs::recursive_directory_iterator(dir)) before.insert(e.path().string());
    std::string command = b.command;
    command.replace(command.find("{anne}"), 6, ANNE_EXE);
    const std::string shell = "cd '" + dir + "' && (" + command + ") >../out 2>../err </dev/null";
    const int status = std::system(shell.c_str());
    const std::string err = slurp(dir + "/../err");
    EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 1) << b.what << ": " << err;
    EXPECT_EQ(err.rfind("anne: error: ", 0), 0u) << b.what << ": " << err;
    EXPECT_EQ(std::count(err.begin(), err.end(), '\n'), 1) << b.what << ": " << err;
    EXPECT_NE(err.find(b.message), std::string::npos)
        << b.what << ":\n  expected: " << b.message << "\n  got: " << err;
    std::set<std::string> after;
    for (const auto& e : fs::recursive_directory_iterator(dir)) after.insert(e.path().string());
    EXPECT_EQ(after, before) << b.what << ": files were left behind";
}

INSTANTIATE_TEST_SUITE_P(BadInputs, Catalogue, testing::Range<std::size_t>(0, catalogue().size()),
                         [](const testing::TestParamInfo<std::size_t>& info) {
                             std::string name;
                             for (char c : catalogue()[info.param].what)
                                 name += std::isalnum(static_cast<unsigned char>(c)) ? c : '_';
                             return name;
                         });

TEST(Catalogue, HasAtLeastFortyClasses) { EXPECT_GE(catalogue().size(), 40u); }

}  // namespace
