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

/* A `&str` / `const char *` parameter: the text as UTF-8 (what the Rust and pybind11 bindings
 * do), and the same O(1) body as theirs, its length in bytes. */
static PyObject *length(PyObject *self, PyObject *arg) {
    if (!PyUnicode_Check(arg)) { PyErr_SetString(PyExc_TypeError, "expected str"); return NULL; }
    Py_ssize_t size;
    if (!PyUnicode_AsUTF8AndSize(arg, &size)) return NULL;
    return PyLong_FromSsize_t(size);
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

/* A float64 buffer read in place (a numpy array): the buffer protocol, as a C author uses it. */
static PyObject *total_slice(PyObject *self, PyObject *arg) {
    Py_buffer view;
    if (PyObject_GetBuffer(arg, &view, PyBUF_C_CONTIGUOUS | PyBUF_FORMAT) < 0) return NULL;
    const char *format = view.format ? view.format : "B";
    if (format[0] == '@' || format[0] == '=' || format[0] == '<') format++;
    if (view.itemsize != sizeof(double) || strcmp(format, "d") != 0) {
        PyBuffer_Release(&view);
        PyErr_SetString(PyExc_TypeError, "expected a float64 buffer");
        return NULL;
    }
    const double *values = (const double *)view.buf;
    Py_ssize_t n = view.len / (Py_ssize_t)sizeof(double);
    double sum = 0.0;
    for (Py_ssize_t i = 0; i < n; i++) sum += values[i];
    PyBuffer_Release(&view);
    return PyFloat_FromDouble(sum);
}

static PyObject *fail(PyObject *self, PyObject *unused) {
    PyErr_SetString(BenchError, "failure");
    return NULL;
}

typedef struct { PyObject_HEAD long long x; long long y; } ObjObject;

static PyObject *Obj_new(PyTypeObject *type, PyObject *args, PyObject *kwds) {
    ObjObject *self = (ObjObject *)type->tp_alloc(type, 0);
    if (self) { self->x = 1; self->y = 0; }
    return (PyObject *)self;
}

static void Obj_dealloc(ObjObject *self) { Py_TYPE(self)->tp_free((PyObject *)self); }

static PyObject *Obj_m(PyObject *self, PyObject *unused) { Py_RETURN_NONE; }

static PyObject *Obj_get_x(ObjObject *self, void *closure) { return PyLong_FromLongLong(self->x); }

/* The protocol rows: `o + n` (nb_add, NotImplemented for other operands), `len(o)` and `o[i]`. */
static PyTypeObject ObjType;

static PyObject *Obj_add(PyObject *a, PyObject *b) {
    if (!PyObject_TypeCheck(a, &ObjType) || !PyLong_Check(b)) Py_RETURN_NOTIMPLEMENTED;
    long long n = PyLong_AsLongLong(b);
    if (n == -1 && PyErr_Occurred()) return NULL;
    return PyLong_FromLongLong(((ObjObject *)a)->x + n);
}

static Py_ssize_t Obj_len(PyObject *self) { return (Py_ssize_t)((ObjObject *)self)->x; }

static PyObject *Obj_getitem(PyObject *self, PyObject *key) {
    long long i = PyLong_AsLongLong(key);
    if (i == -1 && PyErr_Occurred()) return NULL;
    return PyLong_FromLongLong(((ObjObject *)self)->x + i);
}

static PyNumberMethods Obj_number = {.nb_add = Obj_add};
static PyMappingMethods Obj_mapping = {.mp_length = Obj_len, .mp_subscript = Obj_getitem};

static PyMethodDef Obj_methods[] = {{"m", Obj_m, METH_NOARGS, NULL}, {NULL}};
static PyObject *Obj_get_y(ObjObject *self, void *closure) { return PyLong_FromLongLong(self->y); }

static int Obj_set_y(ObjObject *self, PyObject *value, void *closure) {
    if (!value) { PyErr_SetString(PyExc_AttributeError, "can't delete y"); return -1; }
    long long y = PyLong_AsLongLong(value);
    if (y == -1 && PyErr_Occurred()) return -1;
    self->y = y;
    return 0;
}

static PyGetSetDef Obj_getset[] = {
    {"x", (getter)Obj_get_x, NULL, NULL, NULL},
    {"y", (getter)Obj_get_y, (setter)Obj_set_y, NULL, NULL},
    {NULL},
};

static PyTypeObject ObjType = {
    PyVarObject_HEAD_INIT(NULL, 0)
    .tp_name = "bench_c.Obj",
    .tp_basicsize = sizeof(ObjObject),
    .tp_flags = Py_TPFLAGS_DEFAULT,
    .tp_new = Obj_new,
    .tp_dealloc = (destructor)Obj_dealloc,
    .tp_methods = Obj_methods,
    .tp_getset = Obj_getset,
    .tp_as_number = &Obj_number,
    .tp_as_mapping = &Obj_mapping,
};

/* Vec2: `a + b` of two objects through nb_add (NotImplemented for other operand types). */
typedef struct { PyObject_HEAD double x, y; } Vec2Object;

static PyTypeObject Vec2Type;

static PyObject *Vec2_new(PyTypeObject *type, PyObject *args, PyObject *kwds) {
    double x, y;
    if (!PyArg_ParseTuple(args, "dd", &x, &y)) return NULL;
    Vec2Object *self = (Vec2Object *)type->tp_alloc(type, 0);
    if (self) { self->x = x; self->y = y; }
    return (PyObject *)self;
}

static void Vec2_dealloc(PyObject *self) { Py_TYPE(self)->tp_free(self); }

static PyObject *Vec2_add(PyObject *a, PyObject *b) {
    if (!PyObject_TypeCheck(a, &Vec2Type) || !PyObject_TypeCheck(b, &Vec2Type)) Py_RETURN_NOTIMPLEMENTED;
    Vec2Object *r = (Vec2Object *)Vec2Type.tp_alloc(&Vec2Type, 0);
    if (r) {
        r->x = ((Vec2Object *)a)->x + ((Vec2Object *)b)->x;
        r->y = ((Vec2Object *)a)->y + ((Vec2Object *)b)->y;
    }
    return (PyObject *)r;
}

static PyMemberDef Vec2_members[] = {
    {"x", T_DOUBLE, offsetof(Vec2Object, x), READONLY, NULL},
    {"y", T_DOUBLE, offsetof(Vec2Object, y), READONLY, NULL},
    {NULL},
};
static PyNumberMethods Vec2_number = {.nb_add = Vec2_add};

static PyTypeObject Vec2Type = {
    PyVarObject_HEAD_INIT(NULL, 0)
    .tp_name = "bench_c.Vec2",
    .tp_basicsize = sizeof(Vec2Object),
    .tp_flags = Py_TPFLAGS_DEFAULT,
    .tp_new = Vec2_new,
    .tp_dealloc = Vec2_dealloc,
    .tp_as_number = &Vec2_number,
    .tp_members = Vec2_members,
};

/* Numbers 0..n and their lazy iterator: a type with tp_iternext that keeps its parent alive. */
typedef struct { PyObject_HEAD Py_ssize_t n; long long *values; } NumbersObject;
typedef struct { PyObject_HEAD NumbersObject *owner; Py_ssize_t index; } NumbersIterObject;

static PyTypeObject NumbersIterType;

static PyObject *Numbers_new(PyTypeObject *type, PyObject *args, PyObject *kwds) {
    Py_ssize_t n;
    if (!PyArg_ParseTuple(args, "n", &n)) return NULL;
    if (n < 0) n = 0;
    NumbersObject *self = (NumbersObject *)type->tp_alloc(type, 0);
    if (!self) return NULL;
    self->values = PyMem_Malloc((n ? n : 1) * sizeof(long long));
    if (!self->values) { Py_DECREF(self); return PyErr_NoMemory(); }
    for (Py_ssize_t i = 0; i < n; i++) self->values[i] = i;
    self->n = n;
    return (PyObject *)self;
}

static void Numbers_dealloc(NumbersObject *self) {
    PyMem_Free(self->values);
    Py_TYPE(self)->tp_free((PyObject *)self);
}

static PyObject *Numbers_items(PyObject *self, PyObject *unused) {
    NumbersIterObject *it = PyObject_New(NumbersIterObject, &NumbersIterType);
    if (!it) return NULL;
    Py_INCREF(self);
    it->owner = (NumbersObject *)self;
    it->index = 0;
    return (PyObject *)it;
}

static void NumbersIter_dealloc(NumbersIterObject *self) {
    Py_XDECREF(self->owner);
    PyObject_Free(self);
}

static PyObject *NumbersIter_next(NumbersIterObject *self) {
    if (!self->owner || self->index >= self->owner->n) return NULL; /* StopIteration */
    return PyLong_FromLongLong(self->owner->values[self->index++]);
}

static PyMethodDef Numbers_methods[] = {{"items", Numbers_items, METH_NOARGS, NULL}, {NULL}};

static PyTypeObject NumbersType = {
    PyVarObject_HEAD_INIT(NULL, 0)
    .tp_name = "bench_c.Numbers",
    .tp_basicsize = sizeof(NumbersObject),
    .tp_flags = Py_TPFLAGS_DEFAULT,
    .tp_new = Numbers_new,
    .tp_dealloc = (destructor)Numbers_dealloc,
    .tp_methods = Numbers_methods,
};

static PyTypeObject NumbersIterType = {
    PyVarObject_HEAD_INIT(NULL, 0)
    .tp_name = "bench_c.NumbersIter",
    .tp_basicsize = sizeof(NumbersIterObject),
    .tp_flags = Py_TPFLAGS_DEFAULT,
    .tp_dealloc = (destructor)NumbersIter_dealloc,
    .tp_iter = PyObject_SelfIter,
    .tp_iternext = (iternextfunc)NumbersIter_next,
};

static PyMethodDef methods[] = {
    {"f", f, METH_NOARGS, NULL},
    {"add", (PyCFunction)(void (*)(void))add, METH_FASTCALL, NULL},
    {"length", length, METH_O, NULL},
    {"total", total, METH_O, NULL},
    {"total_slice", total_slice, METH_O, NULL},
    {"fail", fail, METH_NOARGS, NULL},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef module = {PyModuleDef_HEAD_INIT, "bench_c", NULL, -1, methods};

PyMODINIT_FUNC PyInit_bench_c(void) {
    if (PyType_Ready(&ObjType) < 0 || PyType_Ready(&Vec2Type) < 0 || PyType_Ready(&NumbersType) < 0 ||
        PyType_Ready(&NumbersIterType) < 0)
        return NULL;
    PyObject *m = PyModule_Create(&module);
    if (!m) return NULL;
    BenchError = PyErr_NewException("bench_c.Failure", PyExc_ValueError, NULL);
    Py_INCREF(BenchError);
    PyModule_AddObject(m, "Failure", BenchError);
    Py_INCREF(&ObjType);
    PyModule_AddObject(m, "Obj", (PyObject *)&ObjType);
    Py_INCREF(&Vec2Type);
    PyModule_AddObject(m, "Vec2", (PyObject *)&Vec2Type);
    Py_INCREF(&NumbersType);
    PyModule_AddObject(m, "Numbers", (PyObject *)&NumbersType);
    return m;
}
