/*
 * The reflector's answer to an ordinary UDP request, built in C.
 *
 * Why: the Python answer path (reflector/handler.py + sip/protocol.py) costs ~120 µs of CPU per request,
 * which caps one core at a few thousand probes a second. This file builds the *same bytes* for the
 * common, well-formed case in about a tenth of that and declines everything else, which then takes
 * the Python path unchanged. "Declines" is the safety net: whenever the input is outside the narrow grammar
 * below (anything but printable ASCII in the head, folded or comma-joined headers, a callback
 * request, an odd Via, ...) reflect() returns None. tests/reflector/test_fastpath_equivalence.py
 * checks that an answer from here is byte for byte the Python one for the same input.
 *
 * Accepted (else None): a request of at most 65 535 bytes whose head (up to the first CRLFCRLF) is
 * printable ASCII lines ended by CRLF: "METHOD SP URI SP SIP/2.0", then at most 200 "Name: value"
 * lines; Via, From, To, Call-ID and CSeq present, CSeq "digits SP method", the first Via without a
 * comma and with a readable sent-by; no X-Reflect-Callback or X-Reflect-Ack header; for INVITE with pinholes on, a
 * body of printable ASCII, CR, LF and TAB.
 *
 * Returns (reply, pinhole_port, pinhole_token, method, call_id), fastpath.FastAnswer: reply is the
 * full reflection (bytes), or None for an ACK; pinhole_port is 0 or the SDP media port.
 * The GIL is held throughout, so the module's static work buffers are never shared.
 */
#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <openssl/evp.h>
#include <string.h>
#include <zlib.h>

#include "fastreflect.h"

#define MAX_MESSAGE 65535
#define MAX_HEADERS 200
#define HEAD_CAP (3 * MAX_MESSAGE + 8192)

enum { K_OTHER, K_VIA, K_FROM, K_TO, K_CALLID, K_CSEQ, K_CALLBACK };

typedef struct {
    const char *p;
    Py_ssize_t n;
} span;

typedef struct {
    int key;
    span name, value;
} header;

/* A deflate stream primed with the protocol's dictionary; each answer compresses with a copy of
 * it, which is cheaper than priming a fresh one (the dictionary is hashed once, not per answer). */
static z_stream primed;
static int primed_ready = 0;
static char head_buf[HEAD_CAP];
static unsigned char plain_buf[HEAD_CAP + MAX_MESSAGE + 1024];
static unsigned char comp_buf[HEAD_CAP + MAX_MESSAGE + 4096];
static char scratch[2 * MAX_MESSAGE + 16];

static const char B64[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
static const char HEX[] = "0123456789abcdef";

/* -- small helpers ------------------------------------------------------------------------ */
static int is_token_char(unsigned char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
           (c != 0 && strchr("-.!%*_+`'~", c) != NULL);
}

static span trim(span s) {
    while (s.n > 0 && s.p[0] == ' ') { s.p++; s.n--; }
    while (s.n > 0 && s.p[s.n - 1] == ' ') s.n--;
    return s;
}

static int ieq(span s, const char *lit) {
    size_t n = strlen(lit);
    if ((size_t)s.n != n) return 0;
    for (size_t i = 0; i < n; i++) {
        char c = s.p[i];
        if (c >= 'A' && c <= 'Z') c += 32;
        if (c != lit[i]) return 0;
    }
    return 1;
}

static int all_digits(span s) {
    if (s.n == 0) return 0;
    for (Py_ssize_t i = 0; i < s.n; i++)
        if (s.p[i] < '0' || s.p[i] > '9') return 0;
    return 1;
}

/* The value of a digit string, or -1 when it is above 65535 (leading zeros allowed, as int()). */
static long port_value(span s) {
    while (s.n > 1 && s.p[0] == '0') { s.p++; s.n--; }
    if (s.n > 5) return -1;
    long v = 0;
    for (Py_ssize_t i = 0; i < s.n; i++) v = v * 10 + (s.p[i] - '0');
    return v > 65535 ? -1 : v;
}

static const char *find(span s, char c) { return memchr(s.p, c, (size_t)s.n); }

/* SHA-256 through one reused context and a digest fetched once: per call, OpenSSL 3's implicit
 * fetch in EVP_Digest(EVP_sha256()) costs a fifth of the hash of a whole answer. */
static EVP_MD_CTX *sha_ctx = NULL;
static const EVP_MD *sha_md = NULL;

static int sha_init(void) {
    if (sha_ctx) return 1;
#if OPENSSL_VERSION_NUMBER >= 0x30000000L
    sha_md = EVP_MD_fetch(NULL, "SHA256", NULL);
#else
    sha_md = EVP_sha256();
#endif
    sha_ctx = EVP_MD_CTX_new();
    return sha_md != NULL && sha_ctx != NULL;
}

static int hex_sha256(const void *data, size_t n, char out[64]) {
    unsigned char md[32];
    unsigned int len = 0;
    if (!EVP_DigestInit_ex(sha_ctx, sha_md, NULL) || !EVP_DigestUpdate(sha_ctx, data, n) ||
        !EVP_DigestFinal_ex(sha_ctx, md, &len))
        return 0;
    for (int i = 0; i < 32; i++) {
        out[2 * i] = HEX[md[i] >> 4];
        out[2 * i + 1] = HEX[md[i] & 15];
    }
    return 1;
}

/* hex sha256 of three spans joined by '|' (or of prefix + one span), first `keep` digits. */
static int short_hash(const char *prefix, span a, span b, span c, int parts, char *out, int keep) {
    size_t off = strlen(prefix);
    memcpy(scratch, prefix, off);
    span all[3] = {a, b, c};
    for (int i = 0; i < parts; i++) {
        if (i) scratch[off++] = '|';
        memcpy(scratch + off, all[i].p, (size_t)all[i].n);
        off += (size_t)all[i].n;
    }
    char full[64];
    if (!hex_sha256(scratch, off, full)) return 0;
    memcpy(out, full, (size_t)keep);
    return 1;
}

/* -- the output buffer ---------------------------------------------------------------------- */
typedef struct {
    char *p;
    size_t n, cap;
    int overflow;
} out_t;

static void put(out_t *o, const char *s, size_t n) {
    if (o->n + n > o->cap) { o->overflow = 1; return; }
    memcpy(o->p + o->n, s, n);
    o->n += n;
}
static void puts_(out_t *o, const char *s) { put(o, s, strlen(s)); }
static void puts_span(out_t *o, span s) { put(o, s.p, (size_t)s.n); }
static void put_long(out_t *o, long v) {
    char tmp[24];
    int n = 0;
    unsigned long u = v < 0 ? 0UL - (unsigned long)v : (unsigned long)v;
    do {
        tmp[sizeof tmp - 1 - n++] = (char)('0' + u % 10);
        u /= 10;
    } while (u);
    if (v < 0) tmp[sizeof tmp - 1 - n++] = '-';
    put(o, tmp + sizeof tmp - n, (size_t)n);
}

/* -- Via: the first via-parm rewritten as sip/protocol.py's _response_headers does -------------- */
/* Returns 0 when the Via is outside what we reproduce exactly (the Python path decides then). */
static int rewrite_via(out_t *o, span value, const char *src_ip, long src_port) {
    if (find(value, ',')) return 0;
    const char *sp = find(value, ' ');
    if (!sp) return 0;
    span protocol = {value.p, sp - value.p};
    span rest = trim((span){sp + 1, value.n - (protocol.n + 1)});
    if (protocol.n < 8 || rest.n == 0) return 0;
    for (int i = 0; i < 8; i++) {
        char c = protocol.p[i];
        if (c >= 'a' && c <= 'z') c -= 32;
        if (c != "SIP/2.0/"[i]) return 0;
    }
    const char *semi = find(rest, ';');
    span sent_by = trim((span){rest.p, semi ? semi - rest.p : rest.n});
    span host, port = {NULL, 0};
    int has_port = 0;
    if (sent_by.n > 0 && sent_by.p[0] == '[') {
        const char *close = find(sent_by, ']');
        if (!close) return 0;
        host = (span){sent_by.p, close - sent_by.p + 1};
        span after = {close + 1, sent_by.n - (close + 1 - sent_by.p)};
        if (after.n > 0) {
            if (after.p[0] != ':') return 0; /* text after ']' that Python would drop */
            port = (span){after.p + 1, after.n - 1};
            has_port = 1;
        }
    } else {
        const char *colon = find(sent_by, ':');
        host = (span){sent_by.p, colon ? colon - sent_by.p : sent_by.n};
        if (colon) {
            port = (span){colon + 1, sent_by.n - (colon + 1 - sent_by.p)};
            has_port = port.n > 0; /* "host:" means no port, as split_host_port reads it */
        }
    }
    long port_num = 0;
    if (has_port) {
        if (!all_digits(port)) return 0;
        port_num = port_value(port);
        if (port_num <= 0) return 0;
    }
    puts_span(o, protocol);
    put(o, " ", 1);
    puts_span(o, host);
    if (has_port) {
        put(o, ":", 1);
        put_long(o, port_num);
    }
    int rport = 0;
    span params = semi ? (span){semi + 1, rest.n - (semi + 1 - rest.p)} : (span){NULL, -1};
    while (params.n >= 0) {
        const char *next = params.n > 0 ? find(params, ';') : NULL;
        span param = trim((span){params.p, next ? next - params.p : params.n});
        const char *eq = param.n > 0 ? find(param, '=') : NULL;
        span key = trim((span){param.p, eq ? eq - param.p : param.n});
        if (ieq(key, "rport")) rport = 1;
        if (!ieq(key, "rport") && !ieq(key, "received")) {
            put(o, ";", 1);
            puts_span(o, key);
            if (eq) {
                put(o, "=", 1);
                puts_span(o, trim((span){eq + 1, param.n - (eq + 1 - param.p)}));
            }
        }
        if (!next) break;
        params = (span){next + 1, params.n - (next + 1 - params.p)};
    }
    puts_(o, ";received=");
    puts_(o, src_ip);
    if (rport) {
        puts_(o, ";rport=");
        put_long(o, src_port);
    }
    return 1;
}

/* ";tag=" in the value once spaces are removed, case-insensitively (as sip/protocol.py checks). */
static int has_tag(span value) {
    static const char want[] = ";tag=";
    int matched = 0;
    for (Py_ssize_t i = 0; i < value.n; i++) {
        char c = value.p[i];
        if (c == ' ') continue;
        if (c >= 'A' && c <= 'Z') c += 32;
        if (c == want[matched]) {
            if (++matched == 5) return 1;
        } else {
            matched = c == want[0] ? 1 : 0;
        }
    }
    return 0;
}

/* handler.py's _uri_hostport: the host the client addressed, or reflector.invalid; n == -1 when
 * the URI is outside what we reproduce. */
static span uri_host(span uri) {
    static const span invalid = {"reflector.invalid", 17};
    const char *colon = find(uri, ':');
    if (!colon) return invalid;
    span s = {colon + 1, uri.n - (colon + 1 - uri.p)};
    const char *cut = find(s, ';');
    if (cut) s.n = cut - s.p;
    cut = s.n > 0 ? find(s, '?') : NULL;
    if (cut) s.n = cut - s.p;
    for (Py_ssize_t i = s.n - 1; i >= 0; i--) {
        if (s.p[i] == '@') {
            s = (span){s.p + i + 1, s.n - i - 1};
            break;
        }
    }
    span host, port = {NULL, 0};
    int has_port = 0;
    if (s.n > 0 && s.p[0] == '[') {
        const char *close = find(s, ']');
        if (!close) return (span){NULL, -1}; /* Python adds the missing ']': the long way */
        host = (span){s.p, close - s.p + 1};
        span after = {close + 1, s.n - (close + 1 - s.p)};
        if (after.n > 0 && after.p[0] == ':') {
            port = (span){after.p + 1, after.n - 1};
            has_port = 1;
        }
    } else {
        const char *c = s.n > 0 ? find(s, ':') : NULL;
        host = (span){s.p, c ? c - s.p : s.n};
        if (c) {
            port = (span){c + 1, s.n - (c + 1 - s.p)};
            has_port = port.n > 0;
        }
    }
    if (has_port && (!all_digits(port) || port_value(port) <= 0)) return invalid;
    if (host.n == 0) return invalid;
    for (Py_ssize_t i = 0; i < host.n; i++) {
        char c = host.p[i];
        int ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                 c == '.' || c == '-' || c == '[' || c == ']' || c == ':';
        if (!ok) return invalid;
    }
    return host;
}

/* protocol-level sdp_media_port: the port of the first readable m= line; -1 when the body is
 * outside what we reproduce (then the caller declines); 0 for "no port". */
static long media_port(span body) {
    for (Py_ssize_t i = 0; i < body.n; i++) {
        unsigned char c = (unsigned char)body.p[i];
        if (!((c >= 0x20 && c < 0x7f) || c == '\r' || c == '\n' || c == '\t')) return -1;
    }
    Py_ssize_t i = 0;
    while (i < body.n) {
        Py_ssize_t end = i;
        while (end < body.n && body.p[end] != '\n') end++;
        span line = {body.p + i, end - i};
        if (end < body.n && line.n > 0 && line.p[line.n - 1] == '\r') line.n--; /* the CR of CRLF */
        i = end + 1;
        if (line.n < 2 || line.p[1] != '=' || line.p[0] != 'm') continue;
        /* the second whitespace-separated field (space, TAB or a stray CR, as str.split()) */
        span parts[2];
        int count = 0;
        Py_ssize_t j = 2;
        while (j < line.n && count < 2) {
            while (j < line.n && strchr(" \t\r", line.p[j])) j++;
            if (j >= line.n) break;
            Py_ssize_t start = j;
            while (j < line.n && !strchr(" \t\r", line.p[j])) j++;
            parts[count++] = (span){line.p + start, j - start};
        }
        if (count < 2) continue;
        const char *slash = find(parts[1], '/');
        span digits = {parts[1].p, slash ? slash - parts[1].p : parts[1].n};
        if (!all_digits(digits)) continue;
        long v = port_value(digits);
        return v > 0 ? v : 0;
    }
    return 0;
}

static size_t b64_encode(const unsigned char *in, size_t n, char *out) {
    size_t o = 0, i = 0;
    for (; i + 2 < n; i += 3) {
        unsigned v = (unsigned)in[i] << 16 | (unsigned)in[i + 1] << 8 | in[i + 2];
        out[o++] = B64[v >> 18];
        out[o++] = B64[(v >> 12) & 63];
        out[o++] = B64[(v >> 6) & 63];
        out[o++] = B64[v & 63];
    }
    if (i < n) {
        unsigned v = (unsigned)in[i] << 16 | (i + 1 < n ? (unsigned)in[i + 1] << 8 : 0);
        out[o++] = B64[v >> 18];
        out[o++] = B64[(v >> 12) & 63];
        out[o++] = i + 1 < n ? B64[(v >> 6) & 63] : '=';
        out[o++] = '=';
    }
    return o;
}

/* -- reflect() ----------------------------------------------------------------------------- */
/* (reply, pinhole_port, pinhole_token, method, call_id); steals the references. */
static PyObject *answer_tuple(PyObject *reply, long pin_port, PyObject *token, PyObject *method,
                              PyObject *call_id) {
    PyObject *port = PyLong_FromLong(pin_port);
    PyObject *items = port ? PyTuple_Pack(5, reply, port, token, method, call_id) : NULL;
    Py_XDECREF(port);
    Py_DECREF(reply);
    Py_DECREF(token);
    Py_DECREF(method);
    Py_DECREF(call_id);
    return items;
}


/* The answer to one datagram, in *res (see fastreflect.h); 0, or -1 with a Python error set.
 * (Its "return 0" without setting kind are its declines: res->kind stays FAST_DECLINED.) */
static int fast_reflect(const char *data, Py_ssize_t size, const char *src_ip, long src_port,
                        long local_port, const char *control, Py_ssize_t control_n, int pinhole_on,
                        fast_result *res) {
    res->kind = FAST_DECLINED;
    res->reply = NULL;
    res->pin_port = 0;
    if (!primed_ready || size > MAX_MESSAGE || strlen(src_ip) > 64) return 0;
    for (const char *c = src_ip; *c; c++)
        if (!strchr("0123456789abcdefABCDEF:.", *c)) return 0;

    /* the head: printable ASCII lines ended by CRLF, up to the first blank line */
    const char *end = NULL;
    for (Py_ssize_t i = 0; i + 3 < size; i++) {
        if (data[i] == '\r' && data[i + 1] == '\n' && data[i + 2] == '\r' && data[i + 3] == '\n') {
            end = data + i;
            break;
        }
    }
    if (!end) return 0;
    span body = {end + 4, size - (end + 4 - data)};
    header headers[MAX_HEADERS];
    int nheaders = 0;
    span start = {NULL, 0};
    const char *p = data;
    while (p <= end) {
        const char *eol = p;
        while (eol < end && *eol != '\r') {
            unsigned char c = (unsigned char)*eol;
            if (c < 0x20 || c > 0x7e) return 0;
            eol++;
        }
        if (eol < end && eol[1] != '\n') return 0; /* a lone CR */
        span line = {p, eol - p};
        p = eol + 2;
        if (!start.p) {
            start = line;
            continue;
        }
        if (line.n == 0 || line.p[0] == ' ') return 0; /* folded: the long way */
        const char *colon = find(line, ':');
        if (!colon || nheaders == MAX_HEADERS) return 0;
        span name = trim((span){line.p, colon - line.p});
        if (name.n == 0) return 0;
        for (Py_ssize_t i = 0; i < name.n; i++)
            if (!is_token_char((unsigned char)name.p[i])) return 0;
        header *h = &headers[nheaders++];
        h->name = name;
        h->value = trim((span){colon + 1, line.n - (colon + 1 - line.p)});
        if (ieq(name, "via") || ieq(name, "v")) h->key = K_VIA;
        else if (ieq(name, "from") || ieq(name, "f")) h->key = K_FROM;
        else if (ieq(name, "to") || ieq(name, "t")) h->key = K_TO;
        else if (ieq(name, "call-id") || ieq(name, "i")) h->key = K_CALLID;
        else if (ieq(name, "cseq")) h->key = K_CSEQ;
        else if (ieq(name, "x-reflect-callback")) return 0;
        else if (ieq(name, "x-reflect-ack")) return 0; /* ACK state lives in Python (acks.py) */
        else h->key = K_OTHER;
    }

    /* "METHOD SP URI SP SIP/2.0" */
    const char *sp1 = start.n > 0 ? find(start, ' ') : NULL;
    if (!sp1) return 0;
    span method = {start.p, sp1 - start.p};
    span tail = {sp1 + 1, start.n - (sp1 + 1 - start.p)};
    const char *sp2 = tail.n > 0 ? find(tail, ' ') : NULL;
    if (method.n == 0 || !sp2) return 0;
    span uri = {tail.p, sp2 - tail.p};
    span version = {sp2 + 1, tail.n - (sp2 + 1 - tail.p)};
    if (uri.n == 0 || version.n != 7 || memcmp(version.p, "SIP/2.0", 7) != 0) return 0;
    for (Py_ssize_t i = 0; i < method.n; i++)
        if (!is_token_char((unsigned char)method.p[i])) return 0;

    span first[K_CSEQ + 1];
    int seen[K_CSEQ + 1] = {0};
    for (int i = 0; i < nheaders; i++) {
        int k = headers[i].key;
        if (k != K_OTHER && !seen[k]) {
            seen[k] = 1;
            first[k] = headers[i].value;
        }
    }
    if (!seen[K_VIA] || !seen[K_FROM] || !seen[K_TO] || !seen[K_CALLID] || !seen[K_CSEQ])
        return 0;
    /* CSeq: exactly "digits method" */
    span cseq = first[K_CSEQ];
    const char *csp = cseq.n > 0 ? find(cseq, ' ') : NULL;
    if (!csp) return 0;
    span number = {cseq.p, csp - cseq.p};
    span cmethod = trim((span){csp + 1, cseq.n - (csp + 1 - cseq.p)});
    if (!all_digits(number) || cmethod.n == 0 || find(cmethod, ' ')) return 0;

    res->method_p = method.p;
    res->method_n = method.n;
    res->call_id_p = first[K_CALLID].p;
    res->call_id_n = first[K_CALLID].n;
    if (method.n == 3 && memcmp(method.p, "ACK", 3) == 0) {
        res->kind = FAST_ACK;
        return 0;
    }

    int invite = method.n == 6 && memcmp(method.p, "INVITE", 6) == 0;
    long pin_port = 0;
    char token[16];
    if (invite && pinhole_on) {
        pin_port = media_port(body);
        if (pin_port < 0) return 0;
        if (pin_port < 1024) pin_port = 0;
        if (pin_port &&
            !short_hash("pinhole|", first[K_CALLID], first[K_CALLID], first[K_CALLID], 1, token, 16))
            return 0;
    }

    /* the response head */
    out_t head = {head_buf, 0, sizeof head_buf, 0};
    puts_(&head, "SIP/2.0 200 OK");
    int via_done = 0;
    char tag[12];
    int tag_ready = 0;
    static const char *canonical[] = {"", "Via", "From", "To", "Call-ID", "CSeq"};
    for (int i = 0; i < nheaders; i++) {
        header *h = &headers[i];
        if (h->key == K_OTHER) continue;
        puts_(&head, "\r\n");
        puts_(&head, canonical[h->key]);
        puts_(&head, ": ");
        if (h->key == K_VIA && !via_done) {
            via_done = 1;
            if (!rewrite_via(&head, h->value, src_ip, src_port)) return 0;
        } else {
            puts_span(&head, h->value);
        }
        if (h->key == K_TO && !has_tag(h->value)) {
            if (!tag_ready) {
                if (!short_hash("", first[K_CALLID], first[K_FROM], first[K_CSEQ], 3, tag, 12)) {
                    return 0;
                }
                tag_ready = 1;
            }
            puts_(&head, ";tag=");
            put(&head, tag, 12);
        }
    }
    if (invite) {
        span contact_host = uri_host(uri);
        if (contact_host.n < 0) return 0;
        puts_(&head, "\r\nContact: <sip:reflector@");
        puts_span(&head, contact_host);
        puts_(&head, ":");
        put_long(&head, local_port);
        puts_(&head, ";transport=udp>");
    }
    puts_(&head, "\r\nServer: sipalg-reflector/1\r\nContent-Type: application/x-sipalg-reflect\r\n");
    if (head.overflow) return 0;

    /* the copy: meta JSON, newline, response head, request bytes */
    out_t plain = {(char *)plain_buf, 0, sizeof plain_buf, 0};
    puts_(&plain, "{\"control\":");
    put(&plain, control, (size_t)control_n);
    puts_(&plain, ",\"head\":");
    put_long(&plain, (long)head.n);
    if (pin_port) {
        puts_(&plain, ",\"pinhole\":{\"count\":2,\"port\":");
        put_long(&plain, pin_port);
        puts_(&plain, ",\"token\":\"");
        put(&plain, token, 16);
        puts_(&plain, "\"}");
    } else {
        puts_(&plain, ",\"pinhole\":null");
    }
    puts_(&plain, ",\"port\":");
    put_long(&plain, local_port);
    puts_(&plain, ",\"src\":\"");
    if (strchr(src_ip, ':')) {
        puts_(&plain, "[");
        puts_(&plain, src_ip);
        puts_(&plain, "]");
    } else {
        puts_(&plain, src_ip);
    }
    puts_(&plain, ":");
    put_long(&plain, src_port);
    puts_(&plain, "\",\"transport\":\"udp\",\"v\":1}\n");
    put(&plain, head.p, head.n);
    put(&plain, data, (size_t)size);
    if (plain.overflow) return 0;

    z_stream zs;
    if (deflateCopy(&zs, &primed) != Z_OK) return 0;
    zs.next_in = plain_buf;
    zs.avail_in = (uInt)plain.n;
    zs.next_out = comp_buf;
    zs.avail_out = (uInt)sizeof comp_buf;
    int zstatus = deflate(&zs, Z_FINISH);
    deflateEnd(&zs);
    if (zstatus != Z_STREAM_END) return 0;
    size_t comp_n = sizeof comp_buf - zs.avail_out;

    /* body = MAGIC CRLF "Copy: " b64 CRLF "Digest: sha256:" 64 hex CRLF */
    size_t b64_n = 4 * ((comp_n + 2) / 3);
    size_t body_n = 16 + 2 + 6 + b64_n + 2 + 15 + 64 + 2;
    char cl_buf[48];
    out_t cl = {cl_buf, 0, sizeof cl_buf, 0};
    puts_(&cl, "Content-Length: ");
    put_long(&cl, (long)body_n);
    puts_(&cl, "\r\n\r\n");
    int cl_n = (int)cl.n;
    size_t total = head.n + (size_t)cl_n + body_n;
    PyObject *reply = PyBytes_FromStringAndSize(NULL, (Py_ssize_t)total);
    if (!reply) return -1;
    char *r = PyBytes_AS_STRING(reply);
    memcpy(r, head.p, head.n);
    r += head.n;
    memcpy(r, cl_buf, (size_t)cl_n);
    r += cl_n;
    memcpy(r, "SIPALG-REFLECT/1\r\nCopy: ", 24);
    r += 24;
    r += b64_encode(comp_buf, comp_n, r);
    memcpy(r, "\r\nDigest: sha256:", 17);
    r += 17;
    memset(r, '0', 64);
    memcpy(r + 64, "\r\n", 2);
    char *all = PyBytes_AS_STRING(reply);
    if (!hex_sha256(all, total, r)) { /* the digest of the response with its digits set to '0' */
        Py_DECREF(reply);
        return 0;
    }

    res->kind = FAST_REFLECTED;
    res->reply = reply;
    res->pin_port = pin_port;
    if (pin_port) memcpy(res->token, token, 16);
    return 0;
}

/* reflect(data, src_ip, src_port, local_port, control_json, pinholes): the Python face. */
static PyObject *reflect(PyObject *self, PyObject *args) {
    (void)self;
    const char *data, *src_ip, *control;
    Py_ssize_t size;
    long src_port, local_port;
    int pinhole_on;
    if (!PyArg_ParseTuple(args, "y#sllyp", &data, &size, &src_ip, &src_port, &local_port, &control,
                          &pinhole_on))
        return NULL;
    fast_result res;
    if (fast_reflect(data, size, src_ip, src_port, local_port, control, (Py_ssize_t)strlen(control),
                     pinhole_on, &res) < 0)
        return NULL;
    if (res.kind == FAST_DECLINED) Py_RETURN_NONE;
    PyObject *method = PyUnicode_FromStringAndSize(res.method_p, res.method_n);
    PyObject *call_id = PyUnicode_FromStringAndSize(res.call_id_p, res.call_id_n);
    PyObject *token = res.pin_port ? PyUnicode_FromStringAndSize(res.token, 16) : Py_NewRef(Py_None);
    PyObject *reply = res.reply ? res.reply : Py_NewRef(Py_None);
    if (!method || !call_id || !token) {
        Py_XDECREF(method);
        Py_XDECREF(call_id);
        Py_XDECREF(token);
        Py_DECREF(reply);
        return NULL;
    }
    return answer_tuple(reply, res.pin_port, token, method, call_id);
}

static PyObject *configure(PyObject *self, PyObject *args) {
    PyObject *dict;
    int level, wbits, memlevel;
    (void)self;
    if (!PyArg_ParseTuple(args, "Siii", &dict, &level, &wbits, &memlevel)) return NULL;
    if (primed_ready) {
        deflateEnd(&primed);
        primed_ready = 0;
    }
    memset(&primed, 0, sizeof primed);
    /* exactly sip/protocol.py's _PRIMED: compressobj(level, DEFLATED, wbits, memlevel, zdict=ZDICT) */
    if (deflateInit2(&primed, level, Z_DEFLATED, wbits, memlevel, Z_DEFAULT_STRATEGY) != Z_OK) {
        PyErr_SetString(PyExc_ValueError, "bad deflate parameters");
        return NULL;
    }
    if (deflateSetDictionary(&primed, (const Bytef *)PyBytes_AS_STRING(dict),
                             (uInt)PyBytes_GET_SIZE(dict)) != Z_OK) {
        deflateEnd(&primed);
        PyErr_SetString(PyExc_ValueError, "bad deflate dictionary");
        return NULL;
    }
    primed_ready = 1;
    if (!sha_init()) {
        PyErr_SetString(PyExc_RuntimeError, "OpenSSL has no SHA-256");
        return NULL;
    }
    Py_RETURN_NONE;
}

static PyMethodDef methods[] = {
    {"reflect", reflect, METH_VARARGS,
     "reflect(data, src_ip, src_port, local_port, control_json, pinholes) -> tuple | None"},
    {"configure", configure, METH_VARARGS,
     "configure(zdict, level, wbits, memlevel): how the copy is compressed (sip/protocol.py's values)"},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef module = {PyModuleDef_HEAD_INIT, "_fastreflect",
                                    "The reflector's UDP answer in C (see fastpath.py).", -1, methods};

PyMODINIT_FUNC PyInit__fastreflect(void) {
    PyObject *m = PyModule_Create(&module);
    if (!m) return NULL;
    /* for _udpbatch.c's serving loop: the builder itself, without a Python call per datagram */
    PyObject *capsule = PyCapsule_New((void *)fast_reflect, FAST_REFLECT_CAPSULE, NULL);
    if (!capsule || PyModule_AddObject(m, "fast_reflect", capsule) < 0) {
        Py_XDECREF(capsule);
        Py_DECREF(m);
        return NULL;
    }
    return m;
}
