/*
 * Many UDP datagrams per system call (Linux recvmmsg/sendmmsg), for the reflector's hot loop.
 *
 * Why: with the answer itself compiled (_fastreflect.c), the event loop's per-datagram machinery
 * (one wake-up, one recvmsg, one Python callback and one sendto per datagram) and then the Python
 * bookkeeping per datagram became the largest costs left in the reflector's CPU time per request.
 *
 * recv_many(fd, max) -> [(data: bytes, ip: str, port: int), ...]   (empty when nothing waits)
 * send_many(fd, [(data, ip, port), ...]) -> number sent (stops at a full send buffer, as UDP may;
 *                                          skips a destination the kernel refuses)
 * serve(...)  the whole hot path for a batch: rate limits (calling the Python limiters' allow),
 *             the compiled answer, pinhole packets, counters; hands the rest back (see below).
 * configure(...) the protocol's pinhole constants and the metrics' latency buckets, once.
 */
#define _GNU_SOURCE
#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>

#include "fastreflect.h"

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

/* Up to max datagrams into the static buffers: how many, 0 when nothing waits (or the error is an
 * ICMP report about an earlier send: not ours), -1 with errno set on a real error. Non-blocking,
 * so the GIL stays held, which also guards the static buffers. */
static int receive(int fd, int max) {
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
    int got = recvmmsg(fd, msgs, (unsigned)max, MSG_DONTWAIT, NULL);
    if (got < 0 && (errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR || errno == ECONNREFUSED))
        return 0;
    return got;
}

/* Send n prepared messages: how many were dealt with (sent, or skipped when the kernel refused a
 * destination, counted in *skipped); fewer than n when the send buffer is full, as UDP may. */
static int send_all(int fd, struct mmsghdr *m, int n, Py_ssize_t *skipped) {
    int done = 0;
    while (done < n) {
        /* a partial send returns the count; the next call then reports the failing message */
        int sent = sendmmsg(fd, m + done, (unsigned)(n - done), MSG_DONTWAIT);
        if (sent < 0) {
            if (errno == EAGAIN || errno == EWOULDBLOCK || errno == ENOBUFS) break;
            /* one unroutable destination must not cost the others their answers: skip it */
            *skipped += 1;
            done += 1;
            continue;
        }
        done += sent;
    }
    return done;
}

static PyObject *recv_many(PyObject *self, PyObject *args) {
    int fd, max;
    (void)self;
    if (!PyArg_ParseTuple(args, "ii", &fd, &max)) return NULL;
    int got = receive(fd, max);
    if (got < 0) return PyErr_SetFromErrno(PyExc_OSError);
    PyObject *out = PyList_New(0);
    if (!out) return NULL;
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
        int done = send_all(fd, msgs, n, &skipped);
        sent += done;
        if (done < n) break; /* the send buffer is full */
    }
    return PyLong_FromSsize_t(sent - skipped);
}

/* -- serve(): the whole hot path in C ------------------------------------------------------ */
/* Protocol and metrics constants, set once by configure() from sip/protocol.py and metrics.py. */
static char pin_magic[64];
static Py_ssize_t pin_magic_n = 0, pin_payload_n = 0;
static int pin_count = 0, udp_overhead = 0;
static double buckets[32];
static int nbuckets = 0;
static fast_reflect_fn reflect_fn = NULL;

static PyObject *configure(PyObject *self, PyObject *args) {
    const char *magic;
    Py_ssize_t magic_n;
    PyObject *bounds;
    (void)self;
    if (!PyArg_ParseTuple(args, "y#niiO!", &magic, &magic_n, &pin_payload_n, &pin_count,
                          &udp_overhead, &PyTuple_Type, &bounds))
        return NULL;
    if (magic_n + 16 > pin_payload_n || pin_payload_n > 64 || pin_count < 0 || pin_count > 2 ||
        PyTuple_GET_SIZE(bounds) > 31) {
        PyErr_SetString(PyExc_ValueError, "pinhole or bucket constants out of range");
        return NULL;
    }
    memcpy(pin_magic, magic, (size_t)magic_n);
    pin_magic_n = magic_n;
    nbuckets = (int)PyTuple_GET_SIZE(bounds);
    for (int i = 0; i < nbuckets; i++) {
        buckets[i] = PyFloat_AsDouble(PyTuple_GET_ITEM(bounds, i));
        if (PyErr_Occurred()) return NULL;
    }
    reflect_fn = (fast_reflect_fn)PyCapsule_Import(FAST_REFLECT_CAPSULE, 0);
    if (!reflect_fn) return NULL;
    Py_RETURN_NONE;
}

static double now_seconds(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

/* A limiter's allow(key) -> 1 allowed, 0 refused, -1 error. */
static int allowed(PyObject *allow, PyObject *key) {
    PyObject *r = PyObject_CallOneArg(allow, key);
    if (!r) return -1;
    int ok = PyObject_IsTrue(r);
    Py_DECREF(r);
    return ok;
}

#define OUT_MAX (BATCH * 3) /* each datagram: its answer and up to two pinhole packets */
static struct mmsghdr out_msgs[OUT_MAX];
static struct iovec out_iovs[OUT_MAX];
static struct sockaddr_in out_names[OUT_MAX];
static PyObject *out_refs[BATCH];
static char pin_bufs[BATCH][64];

static void send_out(int fd, int n) {
    Py_ssize_t skipped = 0;
    send_all(fd, out_msgs, n, &skipped);
}

static void queue(int *n, const void *data, size_t len, const struct sockaddr_in *to, uint16_t port) {
    out_iovs[*n].iov_base = (void *)data;
    out_iovs[*n].iov_len = len;
    out_names[*n] = *to;
    out_names[*n].sin_port = htons(port);
    memset(&out_msgs[*n].msg_hdr, 0, sizeof out_msgs[*n].msg_hdr);
    out_msgs[*n].msg_hdr.msg_iov = &out_iovs[*n];
    out_msgs[*n].msg_hdr.msg_iovlen = 1;
    out_msgs[*n].msg_hdr.msg_name = &out_names[*n];
    out_msgs[*n].msg_hdr.msg_namelen = sizeof out_names[*n];
    (*n)++;
}

/*
 * serve(fd, max, local_port, control_json, pinholes, port_allow, addr_allow)
 *   -> (received, leftovers, counts)
 * Reads up to max datagrams; answers every IPv4 request the compiled builder takes, within the
 * rate limits (port_allow("ip|port") then addr_allow("ip"): the Python limiters' allow methods, or
 * None when off) and the UDP budget, and sends those answers and their pinhole packets. Everything
 * else is handed back as leftovers [(data, ip, port, limited_key, checked)]: checked means the
 * limits were already applied (limited_key is the one that refused it, or None). counts:
 * (requests, bytes_in, answered, fast_answers, bytes_out, pinholes, latency_sum, [per bucket]).
 */
static PyObject *serve(PyObject *self, PyObject *args) {
    int fd, max;
    long local_port;
    const char *control;
    Py_ssize_t control_n;
    int pinholes_on;
    PyObject *port_allow, *addr_allow;
    (void)self;
    if (!PyArg_ParseTuple(args, "iily#pOO", &fd, &max, &local_port, &control, &control_n,
                          &pinholes_on, &port_allow, &addr_allow))
        return NULL;
    if (!reflect_fn) {
        PyErr_SetString(PyExc_RuntimeError, "configure() first");
        return NULL;
    }
    int got = receive(fd, max);
    if (got < 0) return PyErr_SetFromErrno(PyExc_OSError);
    long long requests = 0, bytes_in = 0, answered = 0, fast_answers = 0, bytes_out = 0, pinholes = 0;
    long long counts[32] = {0};
    double latency_sum = 0;
    int nout = 0, nrefs = 0;
    PyObject *leftovers = PyList_New(0);
    if (!leftovers) return NULL;
    PyObject *port_allow_fn = port_allow == Py_None ? NULL : port_allow;
    PyObject *addr_allow_fn = addr_allow == Py_None ? NULL : addr_allow;

    for (int i = 0; i < got; i++) {
        double started = now_seconds();
        const char *data = bufs[i];
        Py_ssize_t size = (Py_ssize_t)msgs[i].msg_len;
        requests++;
        bytes_in += size;
        int port = 0;
        PyObject *ip = address_text(&names[i], &port);
        if (!ip) {
            PyErr_Clear();
            continue; /* not an IP source: nothing to answer */
        }
        PyObject *limited = NULL; /* the key that refused it */
        int checked = 0, fast = 0;
        if (names[i].ss_family == AF_INET) { /* IPv6 text may need normalising: Python's job */
            checked = 1;
            if (port_allow_fn) {
                PyObject *key = PyUnicode_FromFormat("%U|%d", ip, port);
                int ok = key ? allowed(port_allow_fn, key) : -1;
                if (ok == 0) limited = key;
                else Py_XDECREF(key);
                if (ok < 0) goto error_ip;
            }
            if (!limited && addr_allow_fn) {
                int ok = allowed(addr_allow_fn, ip);
                if (ok < 0) goto error_ip;
                if (ok == 0) limited = Py_NewRef(ip);
            }
            if (!limited) {
                fast_result res;
                const char *ip_text = PyUnicode_AsUTF8(ip);
                if (!ip_text || reflect_fn(data, size, ip_text, port, local_port, control, control_n,
                                           pinholes_on, &res) < 0)
                    goto error_ip;
                if (res.kind == FAST_ACK) {
                    fast = 1;
                    fast_answers++;
                } else if (res.kind == FAST_REFLECTED) {
                    Py_ssize_t reply_n = PyBytes_GET_SIZE(res.reply);
                    long cost = (long)reply_n + (res.pin_port ? pin_count * (pin_payload_n + udp_overhead) : 0);
                    if (cost > size) {
                        Py_DECREF(res.reply); /* the Python path answers "pad to N" */
                    } else {
                        const struct sockaddr_in *to = (const struct sockaddr_in *)&names[i];
                        out_refs[nrefs++] = res.reply;
                        queue(&nout, PyBytes_AS_STRING(res.reply), (size_t)reply_n, to, (uint16_t)port);
                        bytes_out += reply_n;
                        if (res.pin_port) {
                            char *payload = pin_bufs[i];
                            memcpy(payload, pin_magic, (size_t)pin_magic_n);
                            memcpy(payload + pin_magic_n, res.token, 16);
                            memset(payload + pin_magic_n + 16, '.', (size_t)(pin_payload_n - pin_magic_n - 16));
                            for (int k = 0; k < pin_count; k++)
                                queue(&nout, payload, (size_t)pin_payload_n, to, (uint16_t)res.pin_port);
                            bytes_out += pin_count * pin_payload_n;
                            pinholes += pin_count;
                        }
                        fast = 1;
                        answered++;
                        fast_answers++;
                    }
                }
            }
        }
        if (fast) {
            double took = now_seconds() - started;
            int b = 0;
            while (b < nbuckets && took > buckets[b]) b++; /* as bisect_left: le="bound" */
            counts[b]++;
            latency_sum += took;
            Py_DECREF(ip);
            continue;
        }
        PyObject *item = Py_BuildValue("(y#NiOO)", data, size, ip, port, limited ? limited : Py_None,
                                       checked ? Py_True : Py_False);
        Py_XDECREF(limited);
        if (!item || PyList_Append(leftovers, item) < 0) {
            Py_XDECREF(item);
            goto error;
        }
        Py_DECREF(item);
        continue;
    error_ip:
        Py_XDECREF(limited);
        Py_DECREF(ip);
        goto error;
    }
    if (nout) send_out(fd, nout);
    for (int k = 0; k < nrefs; k++) Py_DECREF(out_refs[k]);
    PyObject *buckets_list = PyList_New(nbuckets + 1);
    if (!buckets_list) {
        Py_DECREF(leftovers);
        return NULL;
    }
    for (int b = 0; b <= nbuckets; b++) PyList_SET_ITEM(buckets_list, b, PyLong_FromLongLong(counts[b]));
    return Py_BuildValue("(iN(LLLLLLdN))", got, leftovers, requests, bytes_in, answered, fast_answers,
                         bytes_out, pinholes, latency_sum, buckets_list);
error:
    /* a Python error (memory, a limiter that raised): what was built is still sent */
    if (nout) send_out(fd, nout);
    for (int k = 0; k < nrefs; k++) Py_DECREF(out_refs[k]);
    Py_DECREF(leftovers);
    return NULL;
}

static PyMethodDef methods[] = {
    {"recv_many", recv_many, METH_VARARGS, "recv_many(fd, max) -> [(data, ip, port), ...]"},
    {"send_many", send_many, METH_VARARGS, "send_many(fd, [(data, ip, port), ...]) -> sent"},
    {"configure", configure, METH_VARARGS,
     "configure(pinhole_magic, pinhole_payload, pinhole_count, udp_ip_overhead, latency_buckets)"},
    {"serve", serve, METH_VARARGS,
     "serve(fd, max, local_port, control_json, pinholes, port_allow, addr_allow) -> (n, left, counts)"},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef module = {PyModuleDef_HEAD_INIT, "_udpbatch",
                                    "Many UDP datagrams per system call (see udp_pump.py).", -1,
                                    methods, NULL, NULL, NULL, NULL};

PyMODINIT_FUNC PyInit__udpbatch(void) { return PyModule_Create(&module); }
