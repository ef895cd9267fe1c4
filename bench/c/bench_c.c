/* The benchmark's call shapes written against the CPython C API (module `bench_c`): the
 * limit a binding layer can reach. Built by bench/export.sh with the running Python's headers. */
#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include "structmember.h"

static PyObject *BenchError;

static PyObject *f(PyObject *self, PyObject *unused) { Py_RETURN_NONE; }

static PyObject *add(PyObject *self, PyObject *const *args, Py_ssize_t nargs) {
    if (nargs != 2) { PyErr_SetString(PyExc_TypeError, "add() takes 2 arguments"); return NULL; }
    long long a = PyLong_AsLongLong(args[0]);
    if (a == -1 && PyErr_Occurred()) return NULL;
    long long b = PyLong_AsLongLong(args[1]);
    if (b == -1 && PyErr_Occurred()) return NULL;
    return PyLong_FromLongLong(a + b);
}

static PyObject *length(PyObject *self, PyObject *arg) {
    if (!PyUnicode_Check(arg)) { PyErr_SetString(PyExc_TypeError, "expected str"); return NULL; }
    return PyLong_FromSsize_t(PyUnicode_GetLength(arg));
}

static PyObject *total(PyObject *self, PyObject *arg) {
    if (!PyList_Check(arg)) { PyErr_SetString(PyExc_TypeError, "expected list"); return NULL; }
    Py_ssize_t n = PyList_GET_SIZE(arg);
    double sum = 0.0;
    for (Py_ssize_t i = 0; i < n; i++) {
        PyObject *item = PyList_GET_ITEM(arg, i);
        double v;
        if (PyFloat_CheckExact(item)) {
            v = PyFloat_AS_DOUBLE(item); /* the fast path a careful C author writes */
        } else {
            v = PyFloat_AsDouble(item);
            if (v == -1.0 && PyErr_Occurred()) return NULL;
        }
        sum += v;
    }
    return PyFloat_FromDouble(sum);
}

static PyObject *fail(PyObject *self, PyObject *unused) {
    PyErr_SetString(BenchError, "failure");
    return NULL;
}

typedef struct { PyObject_HEAD long long x; } ObjObject;

static PyObject *Obj_new(PyTypeObject *type, PyObject *args, PyObject *kwds) {
    ObjObject *self = (ObjObject *)type->tp_alloc(type, 0);
    if (self) self->x = 1;
    return (PyObject *)self;
}

static void Obj_dealloc(ObjObject *self) { Py_TYPE(self)->tp_free((PyObject *)self); }

static PyObject *Obj_m(PyObject *self, PyObject *unused) { Py_RETURN_NONE; }

static PyObject *Obj_get_x(ObjObject *self, void *closure) { return PyLong_FromLongLong(self->x); }

static PyMethodDef Obj_methods[] = {{"m", Obj_m, METH_NOARGS, NULL}, {NULL}};
static PyGetSetDef Obj_getset[] = {{"x", (getter)Obj_get_x, NULL, NULL, NULL}, {NULL}};

static PyTypeObject ObjType = {
    PyVarObject_HEAD_INIT(NULL, 0)
    .tp_name = "bench_c.Obj",
    .tp_basicsize = sizeof(ObjObject),
    .tp_flags = Py_TPFLAGS_DEFAULT,
    .tp_new = Obj_new,
    .tp_dealloc = (destructor)Obj_dealloc,
    .tp_methods = Obj_methods,
    .tp_getset = Obj_getset,
};

static PyMethodDef methods[] = {
    {"f", f, METH_NOARGS, NULL},
    {"add", (PyCFunction)(void (*)(void))add, METH_FASTCALL, NULL},
    {"length", length, METH_O, NULL},
    {"total", total, METH_O, NULL},
    {"fail", fail, METH_NOARGS, NULL},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef module = {PyModuleDef_HEAD_INIT, "bench_c", NULL, -1, methods};

PyMODINIT_FUNC PyInit_bench_c(void) {
    if (PyType_Ready(&ObjType) < 0) return NULL;
    PyObject *m = PyModule_Create(&module);
    if (!m) return NULL;
    BenchError = PyErr_NewException("bench_c.Failure", PyExc_ValueError, NULL);
    Py_INCREF(BenchError);
    PyModule_AddObject(m, "Failure", BenchError);
    Py_INCREF(&ObjType);
    PyModule_AddObject(m, "Obj", (PyObject *)&ObjType);
    return m;
}
