/*
** The generic interceptor thunk for x86-64 (System V): what the slot of
** an intercepted site holds.  The site's trap calls it with the
** function's own arguments and &site in r10 (the static-chain register,
** see TF__CHAIN in trap.h).  It saves the argument registers into a
** struct cc_frame (runtime/cc.h) on its stack, lets cc_pre run the
** pre-interceptors and say what to call, copies the caller's stack
** arguments, reloads the (possibly changed) registers, calls, saves the
** return registers, lets cc_post run the post-interceptors, and returns
** what they left.  Frame offsets come from cc.h.  No writable code, no
** per-site code: one copy in libtf serves every site.
*/
#if defined(__x86_64__)
#include "cc.h"

#define F(off) (off - CC_FRAME)(%rbp)

	.text
	.globl	cc_thunk
	.hidden	cc_thunk
	.type	cc_thunk, @function
	.p2align 4
cc_thunk:
	.cfi_startproc
	endbr64
	pushq	%rbp
	.cfi_def_cfa_offset 16
	.cfi_offset %rbp, -16
	movq	%rsp, %rbp
	.cfi_def_cfa_register %rbp
	subq	$CC_FRAME, %rsp
	movq	%rdi, F(CC_GPR + 0)
	movq	%rsi, F(CC_GPR + 8)
	movq	%rdx, F(CC_GPR + 16)
	movq	%rcx, F(CC_GPR + 24)
	movq	%r8, F(CC_GPR + 32)
	movq	%r9, F(CC_GPR + 40)
	movq	%xmm0, F(CC_XMM + 0)
	movq	%xmm1, F(CC_XMM + 8)
	movq	%xmm2, F(CC_XMM + 16)
	movq	%xmm3, F(CC_XMM + 24)
	movq	%xmm4, F(CC_XMM + 32)
	movq	%xmm5, F(CC_XMM + 40)
	movq	%xmm6, F(CC_XMM + 48)
	movq	%xmm7, F(CC_XMM + 56)
	movq	%r10, F(CC_SITE)
	leaq	16(%rbp), %rax
	movq	%rax, F(CC_STACK)
	movq	%rsp, %rdi
	call	cc_pre@PLT
	testq	%rax, %rax
	jz	.Lpost
	/* the stack arguments, as cc_pre left them, below the frame */
	movq	F(CC_NSTACK), %rcx
	subq	%rcx, %rsp
	movq	F(CC_STACK), %rsi
	movq	%rsp, %rdi
	rep movsb
	movq	F(CC_GPR + 0), %rdi
	movq	F(CC_GPR + 8), %rsi
	movq	F(CC_GPR + 16), %rdx
	movq	F(CC_GPR + 24), %rcx
	movq	F(CC_GPR + 32), %r8
	movq	F(CC_GPR + 40), %r9
	movq	F(CC_XMM + 0), %xmm0
	movq	F(CC_XMM + 8), %xmm1
	movq	F(CC_XMM + 16), %xmm2
	movq	F(CC_XMM + 24), %xmm3
	movq	F(CC_XMM + 32), %xmm4
	movq	F(CC_XMM + 40), %xmm5
	movq	F(CC_XMM + 48), %xmm6
	movq	F(CC_XMM + 56), %xmm7
	call	*F(CC_FN)
	leaq	-CC_FRAME(%rbp), %rsp
	movq	%rax, F(CC_RET + 0)
	movq	%rdx, F(CC_RET + 8)
	movq	%xmm0, F(CC_RET + 16)
	movq	%xmm1, F(CC_RET + 24)
	cmpq	$0, F(CC_X87RET)
	je	.Lpost
	fstpt	F(CC_X87)               /* st0: long double, or real part */
	cmpq	$1, F(CC_X87RET)
	je	.Lpost
	fstpt	F(CC_X87 + 16)          /* st1: imaginary part */
.Lpost:
	movq	%rsp, %rdi
	call	cc_post@PLT
	movq	F(CC_RET + 0), %rax
	movq	F(CC_RET + 8), %rdx
	movq	F(CC_RET + 16), %xmm0
	movq	F(CC_RET + 24), %xmm1
	cmpq	$0, F(CC_X87RET)
	je	.Lout
	cmpq	$1, F(CC_X87RET)
	je	.Lone
	fldt	F(CC_X87 + 16)
.Lone:
	fldt	F(CC_X87)
.Lout:
	leave
	.cfi_def_cfa %rsp, 8
	ret
	.cfi_endproc
	.size	cc_thunk, .-cc_thunk
#endif
	.section .note.GNU-stack, "", @progbits
