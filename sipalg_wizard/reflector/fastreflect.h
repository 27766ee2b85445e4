/*
 * The compiled answer builder of _fastreflect.c, as _udpbatch.c's serving loop calls it (through
 * the capsule FAST_REFLECT_CAPSULE, so neither module links against the other).
 */
#ifndef SIPALG_FASTREFLECT_H
#define SIPALG_FASTREFLECT_H

#include <Python.h>

enum { FAST_DECLINED = -1, FAST_REFLECTED = 0, FAST_ACK = 1 };

typedef struct {
    int kind;                /* FAST_DECLINED: the Python path decides */
    PyObject *reply;         /* FAST_REFLECTED: the whole answer (a new reference); else NULL */
    long pin_port;           /* 0, or the SDP media port the pinhole packets go to */
    char token[16];          /* the pinhole token, when pin_port */
    const char *method_p;    /* the request's method and Call-ID, pointing into its bytes */
    Py_ssize_t method_n;
    const char *call_id_p;
    Py_ssize_t call_id_n;
} fast_result;

/* (data, size, source ip text, source port, local port, control JSON, its length, pinholes on,
 * result): 0, or -1 with a Python error set (only on memory exhaustion). */
typedef int (*fast_reflect_fn)(const char *, Py_ssize_t, const char *, long, long, const char *,
                               Py_ssize_t, int, fast_result *);

#define FAST_REFLECT_CAPSULE "sipalg_wizard.reflector._fastreflect.fast_reflect"

#endif
