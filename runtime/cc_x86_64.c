/*
** The C half of the generic interceptor thunk on x86-64 (System V):
** parses a site's calling-convention record (cc=, written by the
** rewriter's rewriter/cc_x86_64.c) into where each argument and the
** return value live, and, per intercepted call, points the
** interceptors' argv at the saved registers and stack arguments
** (cc_pre), then gathers and scatters the return value (cc_post).
*/
#if defined(__x86_64__)
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "tf_int.h"
#include "cc.h"

_Static_assert(offsetof(struct cc_frame, gpr) == CC_GPR, "cc.h");
_Static_assert(offsetof(struct cc_frame, xmm) == CC_XMM, "cc.h");
_Static_assert(offsetof(struct cc_frame, ret) == CC_RET, "cc.h");
_Static_assert(offsetof(struct cc_frame, x87) == CC_X87, "cc.h");
_Static_assert(offsetof(struct cc_frame, site) == CC_SITE, "cc.h");
_Static_assert(offsetof(struct cc_frame, fn) == CC_FN, "cc.h");
_Static_assert(offsetof(struct cc_frame, nstack) == CC_NSTACK, "cc.h");
_Static_assert(offsetof(struct cc_frame, stack) == CC_STACK, "cc.h");
_Static_assert(offsetof(struct cc_frame, x87ret) == CC_X87RET, "cc.h");
_Static_assert(sizeof(struct cc_frame) <= CC_FRAME, "cc.h: CC_FRAME");
_Static_assert(CC_FRAME % 16 == 0, "cc.h: CC_FRAME");

/* One value: "v", "m24.8", "x16.16" (long double in st0), "xx32.16"
   (_Complex long double in st0, st1), or classes then "size.align". */
static const char *parse_val(const char *p, struct cc_val *v)
{
	memset(v, 0, sizeof *v);
	if (*p == 'v') {
		v->where = CC_IN_VOID;
		return p + 1;
	}
	if (*p == 'm') {
		v->where = CC_IN_STACK;
		p++;
	} else if (*p == 'x') {
		v->where = CC_IN_X87;
		while (*p == 'x' && v->n < 2) {
			v->n++;
			p++;
		}
	} else {
		while ((*p == 'i' || *p == 's') && v->n < 2)
			v->cls[v->n++] = *p++;
		if (!v->n)
			return NULL;
		v->where = CC_IN_GPR;   /* placed by assign() */
	}
	char *e;
	unsigned long size = strtoul(p, &e, 10);
	if (e == p || *e != '.')
		return NULL;
	p = e + 1;
	unsigned long align = strtoul(p, &e, 10);
	if (e == p || !align || align > 16 || (align & (align - 1)) ||
	    size > 1u << 20 || (v->n && v->where != CC_IN_X87 &&
				size > 8u * v->n) ||
	    (v->where == CC_IN_X87 && size != 16u * v->n))
		return NULL;
	v->size = (unsigned)size;
	v->align = (unsigned)align;
	return e;
}

static unsigned round_up(unsigned x, unsigned a)
{
	return (x + a - 1) & ~(a - 1);
}

/* psABI 3.2.3: registers in order while they last; a value that does
   not fit entirely goes to the stack, 8-aligned (16 if it is). */
static void assign(struct cc_layout *cc)
{
	unsigned gpr = cc->ret.where == CC_IN_STACK, xmm = 0, off = 0;
	for (unsigned i = 0; i < cc->nparams; i++) {
		struct cc_val *v = &cc->p[i];
		if (v->n) {
			unsigned ni = 0, ns = 0;
			for (unsigned k = 0; k < v->n; k++)
				v->cls[k] == 'i' ? ni++ : ns++;
			if (gpr + ni <= 6 && xmm + ns <= 8) {
				for (unsigned k = 0; k < v->n; k++)
					v->reg[k] = (unsigned char)
						(v->cls[k] == 'i' ? gpr++ : xmm++);
				v->where = !ns ? CC_IN_GPR : !ni ? CC_IN_XMM
								 : CC_IN_MIX;
				if (v->where == CC_IN_MIX)
					v->mix = (unsigned char)cc->nmix++;
				continue;
			}
		}
		v->where = CC_IN_STACK;
		off = round_up(off, v->align > 8 ? 16 : 8);
		v->off = off;
		off += round_up(v->size, 8);
	}
	cc->nstack = round_up(off, 16);
	if (cc->ret.where == CC_IN_STACK)
		cc->ret.where = CC_IN_MEM_RET;
}

struct cc_layout *cc_parse(const char *text, const char **why)
{
	unsigned n = 0;
	const char *semi = strchr(text, ';');
	if (!semi) {
		*why = "no ';' after the return value";
		return NULL;
	}
	if (semi[1])
		for (const char *p = semi; *p; p++)
			n += *p == ',' || *p == ';';
	if (n > CC_MAXARGS) {
		*why = "too many parameters";
		return NULL;
	}
	struct cc_layout *cc = calloc(1, sizeof *cc + n * sizeof cc->p[0]);
	if (!cc) {
		*why = "out of memory";
		return NULL;
	}
	cc->nparams = n;
	const char *p = parse_val(text, &cc->ret);
	if (!p || p != semi || (cc->ret.where == CC_IN_STACK && !cc->ret.size))
		goto bad;
	p++;
	for (unsigned i = 0; i < n; i++) {
		p = parse_val(p, &cc->p[i]);
		if (!p || cc->p[i].where == CC_IN_VOID ||
		    cc->p[i].where == CC_IN_X87 || *p != (i + 1 < n ? ',' : '\0'))
			goto bad;
		p += i + 1 < n;
	}
	if (*p)
		goto bad;
	assign(cc);
	if (cc->nmix > 8)
		goto bad;
	return cc;
bad:
	free(cc);
	*why = "malformed cc record (rebuild the program with this tfcc)";
	return NULL;
}

tf_fnptr cc_thunk_of(const struct reg_site *rs)
{
	return rs->cc ? (tf_fnptr)cc_thunk : 0;
}

static uint64_t *reg_of(struct cc_frame *g, const struct cc_val *v, unsigned k)
{
	return v->cls[k] == 'i' ? &g->gpr[v->reg[k]] : &g->xmm[v->reg[k]];
}

tf_fnptr cc_pre(struct cc_frame *g)
{
	const struct reg_site *rs = __atomic_load_n(&g->site->rt,
						    __ATOMIC_ACQUIRE);
	const struct cc_layout *cc = rs ? __atomic_load_n(&rs->cc,
							  __ATOMIC_ACQUIRE) : 0;
	void *ret;
	g->cc = cc;
	g->x87ret = 0;
	g->nstack = 0;
	if (!cc) {      /* cannot happen: dispatch installs us only with cc */
		disp_arm(g->site);
		return g->fn = g->site->fn;
	}
	for (unsigned i = 0; i < cc->nparams; i++) {
		const struct cc_val *v = &cc->p[i];
		switch (v->where) {
		case CC_IN_GPR:
			g->argv[i] = &g->gpr[v->reg[0]];
			break;
		case CC_IN_XMM:
			g->argv[i] = &g->xmm[v->reg[0]];
			break;
		case CC_IN_MIX:
			memcpy(g->split[v->mix], reg_of(g, v, 0), 8);
			memcpy(g->split[v->mix] + 8, reg_of(g, v, 1), 8);
			g->argv[i] = g->split[v->mix];
			break;
		default:
			g->argv[i] = g->stack + v->off;
		}
	}
	if (!cc->nparams)
		g->argv[0] = 0;
	switch (cc->ret.where) {
	case CC_IN_VOID: ret = 0; break;
	case CC_IN_MEM_RET: ret = (void *)(uintptr_t)g->gpr[0]; break;
	case CC_IN_X87: ret = g->x87; g->x87ret = cc->ret.n; break;
	default: ret = g->rbuf; memset(g->rbuf, 0, sizeof g->rbuf);
	}
	g->fn = tf__pre(g->site, g->argv, ret, &g->f);
	for (unsigned i = 0; i < cc->nparams; i++) {
		const struct cc_val *v = &cc->p[i];
		if (v->where == CC_IN_MIX) {
			memcpy(reg_of(g, v, 0), g->split[v->mix], 8);
			memcpy(reg_of(g, v, 1), g->split[v->mix] + 8, 8);
		}
	}
	g->nstack = cc->nstack;
	return g->fn;
}

/* The return registers of value v, eightbyte k: rax, rdx / xmm0, xmm1. */
static uint64_t *ret_reg(struct cc_frame *g, const struct cc_val *v,
			 unsigned k)
{
	unsigned ni = 0, ns = 0;
	for (unsigned j = 0; j < k; j++)
		v->cls[j] == 'i' ? ni++ : ns++;
	return v->cls[k] == 'i' ? &g->ret[ni] : &g->ret[2 + ns];
}

void cc_post(struct cc_frame *g)
{
	const struct cc_layout *cc = g->cc;
	if (!cc)
		return;
	const struct cc_val *v = &cc->ret;
	int regs = v->where != CC_IN_VOID && v->where != CC_IN_MEM_RET &&
		   v->where != CC_IN_X87;
	if (g->fn && regs)
		for (unsigned k = 0; k < v->n; k++)
			memcpy(g->rbuf + 8 * k, ret_reg(g, v, k), 8);
	void *ret = v->where == CC_IN_VOID ? 0 :
		    v->where == CC_IN_MEM_RET ? (void *)(uintptr_t)g->gpr[0] :
		    v->where == CC_IN_X87 ? (void *)g->x87 : (void *)g->rbuf;
	tf__post(g->site, g->argv, ret, &g->f);
	if (regs)
		for (unsigned k = 0; k < v->n; k++)
			memcpy(ret_reg(g, v, k), g->rbuf + 8 * k, 8);
	if (v->where == CC_IN_MEM_RET)
		g->ret[0] = g->gpr[0];
}
#endif
