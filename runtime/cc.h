/*
** The generic interceptor thunk's frame: one layout shared by the
** assembly (runtime/thunk_<arch>.S, which saves the argument registers
** into it and calls cc_pre / cc_post) and the C side (runtime/cc_<arch>.c,
** which finds each argument in it from the site's "cc" record).  The
** CC_* offsets are the single truth; cc_<arch>.c checks them against the
** struct with static assertions.
*/
#ifndef TF_CC_H
#define TF_CC_H

#define CC_GPR 0            /* rdi rsi rdx rcx r8 r9 */
#define CC_XMM 48           /* low eightbyte of xmm0-7 */
#define CC_RET 112          /* rax rdx xmm0 xmm1 */
#define CC_X87 144          /* st0, st1 of a long double return (2 x 16) */
#define CC_SITE 176         /* struct tf_site * (from r10) */
#define CC_FN 184           /* what to call; 0: an interceptor skipped it */
#define CC_NSTACK 192       /* bytes of stack arguments to copy (16n) */
#define CC_STACK 200        /* the caller's stack arguments */
#define CC_X87RET 208       /* x87 registers of the return value: 0, 1, 2 */
#define CC_FRAME 768        /* whole frame, a multiple of 16 */

#ifndef __ASSEMBLER__
#include <stdint.h>

#include "tf_int.h"  /* first: it sets the visibility of trap.h's tf__ entry points */

#define CC_MAXARGS 32       /* the rewriter gives no "cc" beyond this */

/* Where one value lives. */
enum { CC_IN_GPR, CC_IN_XMM, CC_IN_MIX, CC_IN_STACK, CC_IN_MEM_RET,
       CC_IN_X87, CC_IN_VOID };

struct cc_val {
	unsigned char where;    /* CC_IN_* */
	unsigned char n;        /* eightbytes in registers (1 or 2); CC_IN_X87:
				   values in x87 registers (1 or 2) */
	char cls[2];            /* 'i' or 's' per eightbyte */
	unsigned char reg[2];   /* register index per eightbyte */
	unsigned char mix;      /* CC_IN_MIX: index in cc_frame.split */
	unsigned size, align;
	unsigned off;           /* CC_IN_STACK: offset in the stack area */
};

/* A function's layout, parsed once from its record's cc= text. */
struct cc_layout {
	struct cc_val ret;
	unsigned nparams, nmix, nstack;
	struct cc_val p[];
};

struct cc_frame {
	uint64_t gpr[6];
	uint64_t xmm[8];
	uint64_t ret[4];
	long double x87[2];
	struct tf_site *site;
	tf_fnptr fn;
	uint64_t nstack;
	char *stack;
	uint64_t x87ret;
	/* C only from here */
	const struct cc_layout *cc;
	void *argv[CC_MAXARGS];
	unsigned char split[8][16] __attribute__((aligned(16)));
	unsigned char rbuf[16] __attribute__((aligned(16)));
	struct tf_frame f;
};

/* Parses a cc= text ("i4.4;i8.8,s8.8", see docs/generated-code.md);
   NULL (with a reason in *why) if it is malformed. */
struct cc_layout *cc_parse(const char *text, const char **why);
/* The generic thunk (assembly), what an intercepted site's slot holds. */
void cc_thunk(void);
/* Called by cc_thunk. */
tf_fnptr cc_pre(struct cc_frame *g);
void cc_post(struct cc_frame *g);
#endif

#endif /* TF_CC_H */
