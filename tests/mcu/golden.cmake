# The TensorFlow.js golden suite's cases that anne imports, for the exported-code tests.
#
#   anne_golden_cases(VAR DIR)
#
# sets VAR to the names of the cases listed in DIR/index.json (tests/golden/tfjs) whose
# expected.json names no activation anne refuses. The rule is the one tests/import's golden
# test asserts (golden_tfjs_test.cpp, refusal()): log_softmax, and a ReLU layer with a
# max_value other than 6. With tfjs 4.22.0's suite: 210 of 240 cases.
function(anne_golden_cases var dir)
  if(NOT EXISTS ${dir}/index.json)
    message(FATAL_ERROR "${dir}/index.json is missing: the golden suite belongs to the "
                        "repository (tools/golden makes it); or configure with "
                        "-DANNE_MCU_MODELS=random")
  endif()
  set_property(DIRECTORY APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS ${dir}/index.json)
  file(READ ${dir}/index.json index)
  string(JSON count LENGTH "${index}" cases)
  math(EXPR last "${count} - 1")
  set(cases "")
  foreach(k RANGE ${last})
    string(JSON name GET "${index}" cases ${k} name)
    file(READ ${dir}/${name}/expected.json expected)
    string(JSON activations GET "${expected}" activations)
    # A JSON array of strings: match the names with their quotes.
    string(REGEX MATCHALL "\"relu\\(max_value=[^\"]*\"" clipped "${activations}")
    list(REMOVE_ITEM clipped "\"relu(max_value=6)\"")
    if(NOT activations MATCHES "\"log_softmax\"" AND NOT clipped)
      list(APPEND cases ${name})
    endif()
  endforeach()
  set(${var} ${cases} PARENT_SCOPE)
endfunction()
