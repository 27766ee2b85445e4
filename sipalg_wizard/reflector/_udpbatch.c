/*
 * Many UDP datagrams per system call (Linux recvmmsg/sendmmsg), for the reflector's hot loop.
 *
 * Why: with the answer itself compiled (_fastreflect.c), the event loop's per-datagram machinery
 * (one wake-up, one recvmsg, one Python callback and one sendto per datagram) became the largest
 * cost left in the reflector's CPU time per request. Reading up to 64 datagrams and sending all
 * their answers with one call each removes most of it. Everything else (rate limits, the answer,
 * logs, metrics) stays in Python: this file only moves bytes.
 *
 * recv_many(fd, max) -> [(data: bytes, ip: str, port: int), ...]   (empty when nothing waits)
 * send_many(fd, [(data, ip, port), ...]) -> number sent (stops at a full send buffer, as UDP may;
 *                                          skips a destination the kernel refuses)
 */
#define _GNU_SOURCE
#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <string.h>
#include <sys/socket.h>

#define BATCH 64
#define DATAGRAM 65536 /* larger than any UDP payload, so nothing is ever truncated */

static char bufs[BATCH][DATAGRAM];
static struct sockaddr_storage names[BATCH];
static struct mmsghdr msgs[BATCH];
static struct iovec iovs[BATCH];

static PyObject *address_text(const struct sockaddr_storage *ss, int *port) {
    char text[INET6_ADDRSTRLEN];
    const void *raw;
    if (ss->ss_family == AF_INET) {
        const struct sockaddr_in *sin = (const struct sockaddr_in *)ss;
        raw = &sin->sin_addr;
        *port = ntohs(sin->sin_port);
    } else if (ss->ss_family == AF_INET6) {
        const struct sockaddr_in6 *sin6 = (const struct sockaddr_in6 *)ss;
        raw = &sin6->sin6_addr;
        *port = ntohs(sin6->sin6_port);
    } else {
        return NULL;
    }
    if (!inet_ntop(ss->ss_family, raw, text, sizeof text)) return NULL;
    return PyUnicode_FromString(text);
}

static PyObject *recv_many(PyObject *self, PyObject *args) {
    int fd, max;
    (void)self;
    if (!PyArg_ParseTuple(args, "ii", &fd, &max)) return NULL;
    if (max < 1 || max > BATCH) max = BATCH;
    for (int i = 0; i < max; i++) {
        iovs[i].iov_base = bufs[i];
        iovs[i].iov_len = DATAGRAM;
        memset(&msgs[i].msg_hdr, 0, sizeof msgs[i].msg_hdr);
        msgs[i].msg_hdr.msg_iov = &iovs[i];
        msgs[i].msg_hdr.msg_iovlen = 1;
        msgs[i].msg_hdr.msg_name = &names[i];
        msgs[i].msg_hdr.msg_namelen = sizeof names[i];
    }
    /* non-blocking, so the GIL stays held (which also guards the static buffers) */
    int got = recvmmsg(fd, msgs, (unsigned)max, MSG_DONTWAIT, NULL);
    int err = errno;
    PyObject *out = PyList_New(0);
    if (!out) return NULL;
    if (got < 0) {
        if (err == EAGAIN || err == EWOULDBLOCK || err == EINTR || err == ECONNREFUSED)
            return out; /* nothing waiting (or an ICMP error from an earlier send: not ours) */
        Py_DECREF(out);
        errno = err;
        return PyErr_SetFromErrno(PyExc_OSError);
    }
    for (int i = 0; i < got; i++) {
        int port = 0;
        PyObject *ip = address_text(&names[i], &port);
        if (!ip) {
            PyErr_Clear();
            continue; /* not an IP source: nothing to answer */
        }
        PyObject *item = Py_BuildValue("(y#Ni)", bufs[i], (Py_ssize_t)msgs[i].msg_len, ip, port);
        if (!item || PyList_Append(out, item) < 0) {
            Py_XDECREF(item);
            Py_DECREF(out);
            return NULL;
        }
        Py_DECREF(item);
    }
    return out;
}

static int fill_address(PyObject *ip, int port, struct sockaddr_storage *ss, socklen_t *len) {
    const char *text = PyUnicode_AsUTF8(ip);
    if (!text) return 0;
    memset(ss, 0, sizeof *ss);
    struct sockaddr_in *sin = (struct sockaddr_in *)ss;
    struct sockaddr_in6 *sin6 = (struct sockaddr_in6 *)ss;
    if (inet_pton(AF_INET, text, &sin->sin_addr) == 1) {
        sin->sin_family = AF_INET;
        sin->sin_port = htons((uint16_t)port);
        *len = sizeof *sin;
        return 1;
    }
    if (inet_pton(AF_INET6, text, &sin6->sin6_addr) == 1) {
        sin6->sin6_family = AF_INET6;
        sin6->sin6_port = htons((uint16_t)port);
        *len = sizeof *sin6;
        return 1;
    }
    PyErr_Format(PyExc_ValueError, "not an IP address: %.60s", text);
    return 0;
}

static PyObject *send_many(PyObject *self, PyObject *args) {
    int fd;
    PyObject *items;
    (void)self;
    if (!PyArg_ParseTuple(args, "iO!", &fd, &PyList_Type, &items)) return NULL;
    Py_ssize_t total = PyList_GET_SIZE(items), sent = 0, skipped = 0;
    while (sent < total) {
        int n = 0;
        for (; n < BATCH && sent + n < total; n++) {
            PyObject *item = PyList_GET_ITEM(items, sent + n);
            PyObject *data, *ip;
            int port;
            if (!PyArg_ParseTuple(item, "SUi", &data, &ip, &port)) return NULL;
            if (port < 1 || port > 65535) {
                PyErr_Format(PyExc_ValueError, "bad port %d", port);
                return NULL;
            }
            socklen_t len;
            if (!fill_address(ip, port, &names[n], &len)) return NULL;
            iovs[n].iov_base = PyBytes_AS_STRING(data);
            iovs[n].iov_len = (size_t)PyBytes_GET_SIZE(data);
            memset(&msgs[n].msg_hdr, 0, sizeof msgs[n].msg_hdr);
            msgs[n].msg_hdr.msg_iov = &iovs[n];
            msgs[n].msg_hdr.msg_iovlen = 1;
            msgs[n].msg_hdr.msg_name = &names[n];
            msgs[n].msg_hdr.msg_namelen = len;
        }
        /* a partial send returns the count; the next call then reports the failing message */
        int done = sendmmsg(fd, msgs, (unsigned)n, MSG_DONTWAIT);
        if (done < 0) {
            if (errno == EAGAIN || errno == EWOULDBLOCK || errno == ENOBUFS) break;
            /* one unroutable destination must not cost the others their answers: skip it */
            skipped += 1;
            sent += 1;
            continue;
        }
        sent += done;
    }
    return PyLong_FromSsize_t(sent - skipped);
}

static PyMethodDef methods[] = {
    {"recv_many", recv_many, METH_VARARGS, "recv_many(fd, max) -> [(data, ip, port), ...]"},
    {"send_many", send_many, METH_VARARGS, "send_many(fd, [(data, ip, port), ...]) -> sent"},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef module = {PyModuleDef_HEAD_INIT, "_udpbatch",
                                    "Many UDP datagrams per system call (see server.py).", -1,
                                    methods, NULL, NULL, NULL, NULL};

PyMODINIT_FUNC PyInit__udpbatch(void) { return PyModule_Create(&module); }
