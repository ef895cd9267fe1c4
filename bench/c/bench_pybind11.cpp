// The benchmark's call shapes written with pybind11 (module `bench_pybind11`), as its docs show.
// Built by bench/run with g++ -O2 and the headers of pip's pybind11 (bench/requirements.txt).
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include <cstdint>
#include <stdexcept>
#include <string>
#include <vector>

namespace py = pybind11;

struct Failure : std::runtime_error {
    Failure() : std::runtime_error("failure") {}
};

struct Obj {
    int64_t x = 1;
    void m() const {}
};

static void f() {}

static int64_t add(int64_t a, int64_t b) { return a + b; }

// Characters, as Python counts them: the UTF-8 bytes that are not continuation bytes.
static size_t length(const std::string &s) {
    size_t n = 0;
    for (unsigned char c : s) n += (c & 0xC0) != 0x80;
    return n;
}

static double total(const std::vector<double> &values) {
    double sum = 0.0;
    for (double v : values) sum += v;
    return sum;
}

static void fail() { throw Failure(); }

PYBIND11_MODULE(bench_pybind11, m) {
    m.def("f", &f);
    m.def("add", &add);
    m.def("length", &length);
    m.def("total", &total);
    m.def("fail", &fail);
    py::register_exception<Failure>(m, "Failure", PyExc_ValueError);
    py::class_<Obj>(m, "Obj").def(py::init<>()).def("m", &Obj::m).def_readonly("x", &Obj::x);
}
