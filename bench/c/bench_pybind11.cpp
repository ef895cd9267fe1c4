// The benchmark's call shapes written with pybind11 (module `bench_pybind11`), as its docs show.
// Built by bench/run with g++ -O2 and the headers of pip's pybind11 (bench/requirements.txt).
#include <pybind11/numpy.h>
#include <pybind11/operators.h>
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
    int64_t y = 0;
    void m() const {}
};

struct Vec2 {
    double x, y;
    Vec2(double x, double y) : x(x), y(y) {}
    Vec2 operator+(const Vec2 &o) const { return Vec2(x + o.x, y + o.y); }
};

struct Numbers {
    std::vector<int64_t> values;
    explicit Numbers(int64_t n) {
        for (int64_t i = 0; i < n; i++) values.push_back(i);
    }
};

static void f() {}

static int64_t add(int64_t a, int64_t b) { return a + b; }

// Characters, as Python counts them: the UTF-8 bytes that are not continuation bytes.
static size_t length(const std::string &s) { return s.size(); }

static double total(const std::vector<double> &values) {
    double sum = 0.0;
    for (double v : values) sum += v;
    return sum;
}

// A float64 array read in place, as pybind11's numpy docs show (`array_t`, unchecked access).
static double total_slice(py::array_t<double, py::array::c_style> values) {
    auto r = values.unchecked<1>();
    double sum = 0.0;
    for (py::ssize_t i = 0; i < r.shape(0); i++) sum += r(i);
    return sum;
}

static void fail() { throw Failure(); }

PYBIND11_MODULE(bench_pybind11, m) {
    m.def("f", &f);
    m.def("add", &add);
    m.def("length", &length);
    m.def("total", &total);
    m.def("total_slice", &total_slice);
    m.def("fail", &fail);
    py::register_exception<Failure>(m, "Failure", PyExc_ValueError);
    py::class_<Obj>(m, "Obj")
        .def(py::init<>())
        .def("m", &Obj::m)
        .def_readonly("x", &Obj::x)
        .def_readwrite("y", &Obj::y)
        .def("__add__", [](const Obj &o, long long n) { return o.x + n; }, py::is_operator())
        .def("__len__", [](const Obj &o) { return static_cast<size_t>(o.x); })
        .def("__getitem__", [](const Obj &o, long long i) { return o.x + i; });
    py::class_<Vec2>(m, "Vec2")
        .def(py::init<double, double>())
        .def_readonly("x", &Vec2::x)
        .def_readonly("y", &Vec2::y)
        .def(py::self + py::self);
    py::class_<Numbers>(m, "Numbers").def(py::init<int64_t>()).def(
        "items", [](const Numbers &n) { return py::make_iterator(n.values.begin(), n.values.end()); },
        py::keep_alive<0, 1>());
}
