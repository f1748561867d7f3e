/*
** tigerfix trap ABI: the one definition shared by the code the rewriter
** generates and by the runtime (libtf).  The rewriter pastes this file
** verbatim at the top of every instrumented translation unit, so it must
** compile warning-free as C89 through C17 under -Wall -Wextra -pedantic,
** include no header, and use no name outside the tf_/tf__/TF_ spaces.
**
** How a trap works (see docs/trap.md for the full story):
**
**   int add(int a, int b) { <trap>  ...original body...
**
**   <trap> loads SITE.slot.  Zero (the common case) falls into the body:
**   one load and one predictable branch, no call, no frame.  Non-zero is
**   a function of add's own type: a replacement (patch, mock) or the
**   runtime's generic thunk, which runs the interceptor chain (it finds
**   the arguments from the site's "cc" record; the trap passes &SITE in
**   the static-chain register).  To run the
**   body anyway ("call the original"), the runtime stores the calling
**   thread's thread pointer in SITE.by; the trap consumes it and falls
**   through.  Variadic functions cannot be forwarded: their trap calls
**   tf__pre() directly (pre-interceptors only) and always runs the body.
**
** Site records carry everything else as text (TF_INFO_* keys below), in
** the ELF section "tf_records", which is not loaded: tools read them from
** the file, and so does the runtime, on its cold path, when a tool or the
** API first asks.  Only each unit's record is loaded ("tf_info").
*/
#ifndef TIGERFIX_TRAP_H
#define TIGERFIX_TRAP_H

/* Bumped on any change of the structures below. */
#define TF_ABI_VERSION 6

/* A function pointer of no particular type: casts to and from it do not
   trip -Wcast-function-type, and it is never called as such. */
typedef void (*tf_fnptr)(void);

/* One instrumented function.  Written only by the runtime, published with
   atomic stores; read by the function's trap. */
struct tf_site {
	tf_fnptr slot;          /* 0, a replacement, or the runtime's thunk */
	void *by;               /* thread pointer allowed one pass to the body */
	tf_fnptr fn;            /* the function itself (0: inline-only) */
	void *rt;               /* runtime-private state */
	void *gate;             /* all ones while slot is non-zero, else 0:
				   the word the fast path tests against rsp
				   (TF__SHARED_TEXT, TF__RENTRY_T) */
};
/* What the generated code's own functions carry (a unit's stub, its host,
   constructor and destructor): no call that -finstrument-functions puts at
   a function's entry, which in the stub, naked asm that must keep the
   argument registers, ran before it and clobbered them. */
#define TF__NOINSTR __no_instrument_function__

/* Ignores, between the _Pragma push and pop the rewriter puts around a
   trap, of gcc warnings the trap's call would draw where the user's code
   does not: a struct or union returned (-Waggregate-return), an argument
   narrower than int (-Wtraditional-conversion).  clang has neither. */
#if defined(__clang__)
#define TF__Q_AGGRET
#define TF__Q_NARROWARG
#else
#define TF__Q_AGGRET _Pragma("GCC diagnostic ignored \"-Waggregate-return\"")
#define TF__Q_NARROWARG                                                     \
	_Pragma("GCC diagnostic ignored \"-Wtraditional-conversion\"")
#endif

/* A site's initializer, fn its .fn (the generated code's arrays). */
#define TF__SITE_INIT(fn) { 0, 0, fn, 0, 0 }


/* One instrumented translation unit, as the runtime registers it: made by
   the runtime from the unit's note (TF__REG_DEFINE), or, where there is
   none, the unit's own, registered by its constructor. */
struct tf_unit {
	unsigned abi;           /* TF_ABI_VERSION of the generated code */
	unsigned nsites;
	struct tf_site *sites;
	unsigned nobjs;
	void *const *objs;      /* the objects with static storage the unit
				   defines, so a patch can bind to the
				   running instance (stripped binaries
				   included); their names are in the unit's
				   objects record (TF_INFO_OBJECTS_MAGIC) */
	const char *info;       /* the unit record (section tf_info), then, if
				   it has no key, one record per site in
				   order, each NUL-terminated */
	struct tf_unit *next;   /* runtime-private */
	void *rt;               /* runtime-private */
};

/* Scratch for one intercepted call, on the thunk's stack. */
struct tf_frame {
	void *w[8];
};

/*
** Runtime entry points used by generated code.  Weak, so an object built
** by tfcc still links (and runs uninstrumented) where libtf is absent:
** slots are only ever non-zero when the runtime is there.
*/
extern void tf__register(struct tf_unit *u) __attribute__((__weak__));
extern void tf__unregister(struct tf_unit *u) __attribute__((__weak__));
/* The same for the units of one linked object, from its notes in
   TF_SECTION_UNITS, from to to (TF__REG_DEFINE). */
extern void tf__register_units(const char *from, const char *to)
	__attribute__((__weak__));
extern void tf__unregister_units(const char *from, const char *to)
	__attribute__((__weak__));
/* Run pre-interceptors.  Returns what to call with the (possibly changed)
   arguments: the original (already granted one pass via .by), a
   replacement, or 0 when an interceptor chose to skip the call and has
   set *ret.  argv[i] points to argument i; ret to the return value (0 for
   void functions). */
extern tf_fnptr tf__pre(struct tf_site *s, void **argv, void *ret,
			struct tf_frame *f) __attribute__((__weak__));
/* Run post-interceptors (they may change *ret). */
extern void tf__post(struct tf_site *s, void **argv, void *ret,
		     struct tf_frame *f) __attribute__((__weak__));

/* The calling thread's identity, as stored in tf_site.by. */
#if defined(__GNUC__) && (__GNUC__ >= 11 || defined(__clang__)) && \
	(defined(__x86_64__) || defined(__aarch64__) || defined(__riscv))
#define TF__SELF() __builtin_thread_pointer()
#elif defined(__x86_64__)
#define TF__SELF() tf__self_x86_64()
static __inline__ __attribute__((__unused__, __always_inline__)) void *
tf__self_x86_64(void)
{
	void *p;
	__asm__("movq %%fs:0, %0" : "=r"(p));
	return p;
}
#else
#error "tigerfix: no thread-pointer access for this architecture"
#endif

/*
** The trap's pieces; the rewriter writes the statement around them.
** Plain volatile accesses, not __atomic builtins: gcc's inliner costs a
** builtin like a call (4 insns, 13 time units, on the fast path), so
** atomics made every instrumented function look three times dearer and
** changed what gcc inlines (Lua: +1.3% instructions).  A volatile load
** of an aligned pointer is the relaxed load every target does; on x86
** (TSO) it is also the acquire the slot needs.  Elsewhere the slot keeps
** __atomic_load_n(ACQUIRE).  .by is only ever compared with the calling
** thread's own pointer, so relaxed is enough everywhere.
*/
#if defined(__x86_64__) || defined(__i386__)
#define TF__SLOT(s) (*(tf_fnptr volatile *)(void *)&(s).slot)
#else
#define TF__SLOT(s) __atomic_load_n(&(s).slot, __ATOMIC_ACQUIRE)
#endif
#define TF__BY(s) (*(void *volatile *)(void *)&(s).by)
#define TF__PASS(s) (TF__BY(s) == TF__SELF() && (TF__BY(s) = (void *)0, 1))

/*
** TF__ENTRY(S, cold): the fast path.  It goes to cold when S.slot is
** non-zero, unless the calling thread holds a pass to the body in S.by,
** which it then consumes and falls through.  So the cold path never
** comes back into the body: it only calls (tail-calls) the slot, or, if
** the slot emptied meanwhile, the function itself through S.fn.  A cold
** path that rejoined the body would keep gcc from shrink-wrapping: the
** prologue (saves of callee-saved registers) would run on every call
** of a function with an early exit.
**
** On x86-64 the fast path is the two instructions "testq %rsp,
** S.gate(%rip); jne .Ltf_pass<n>" of an asm goto ("cmpq $0, S(%rip)"
** where the check is per trap); the pass check sits out of line in
** .text.unlikely (uses r11) and jumps back or to cold.  Its labels are
** named with %= (unique per asm instance): Intel syntax would read a
** numeric "1b" as a binary number.  "asm inline" keeps gcc's inliner
** from costing the out-of-line lines as if they ran.  A volatile load
** would take three instructions (gcc does not fold it into the compare)
** and a plain one could be hoisted out of a loop the function was
** inlined into; the asm is never hoisted or merged.  S.by is passed as
** an input: nothing else in the unit reads or writes it but the
** runtime.  Both assembler dialects are spelled, for -masm=intel (clang
** prints Intel memory operands without a size).  TF__COLD marks the
** cold label for gcc (clang has no label attribute).  gcc writes the
** file name unescaped into the assembly around an asm statement, so for
** a file whose name holds '"' or '\\' the rewriter defines TF__NO_ASM
** first and the fast path is C: load, test, branch.
**
** TF__CHAIN(call, S): the slot's function is called with &S in the
** static-chain register (r10), so one generic thunk in the runtime
** (runtime/thunk_x86_64.S) serves every site; a replacement ignores it.
** Elsewhere there is no generic thunk: sites take replacements only.
*/
#if defined(__x86_64__) && defined(__LP64__) && !defined(TF__NO_ASM)
#if defined(__clang__)
#define TF__QWORD "qword ptr "
#else
#define TF__QWORD ""
#endif
#if defined(__clang__) || __GNUC__ >= 9
#define TF__ASM_INLINE __inline__   /* inliner: count the asm as small */
#else
#define TF__ASM_INLINE
#endif
/*
** The out-of-line check is shared (TF__SHARED) where a site's address can
** be an assembler constant: not under LTO (tfcc defines TF__LTO; gcc will
** not take "i" for a symbol's address there) nor the large code model.
** Each trap then has 25 bytes of .text.unlikely: "lea D(%rip), %r11;
** jmp tf__check1" and, at D, the offsets of the site and of the body
** from D, then "jmp cold".  tf__check1, one copy per linked object (a
** hidden comdat; TF__CHECK_DEFINE, in each unit's stub, host function or
** constructor, emits it),
** uses r10 and r11 only: no stack, so the red zone of a function the trap
** was inlined into is safe.  Otherwise each trap spells the check out.
** (A trap whose cold path calls in asm has no out-of-line part at all:
** TF__RENTRY_T below.)
*/
#if !defined(TF__LTO) && !defined(__code_model_large__)
#define TF__SHARED 1
/* With indirect-branch tracking (-fcf-protection=branch|full) the
   routine's indirect jumps land on endbr64: at D+8, and at a stub that
   jumps on to the body (the body itself stays free of it). */
#if defined(__CET__) && (__CET__ & 1)
#define TF__ENDBR "endbr64\n\t"
#define TF__BODY_AT ".Ltf_bs%="
#define TF__BODY_STUB ".Ltf_bs%=:\n\tendbr64\n\tjmp\t.Ltf_body%=\n\t"
#else
#define TF__ENDBR ""
#define TF__BODY_AT ".Ltf_body%="
#define TF__BODY_STUB ""
#endif
/* The trap's text for the shared check; GATE (S.gate), SITE, COLD:
   operand numbers; R11 (AT&T) and R11I (Intel): how the template names
   r11.  The compare tests the gate against rsp, as TF__RENTRY_T's does. */
#define TF__SHARED_TEXT(GATE, SITE, COLD, R11, R11I)                       \
	"{testq\t%%rsp, %" GATE "|test\t" TF__QWORD "%" GATE ", rsp}\n\t"     \
	"jne\t.Ltf_pass%=\n"                                                \
	".Ltf_body%=:\n\t"                                                   \
	".pushsection\t.text.unlikely,\"ax\",@progbits\n"                  \
	".Ltf_pass%=:\n\t"                                                   \
	"{leaq\t.Ltf_d%=(%%rip), " R11 "|lea\t" R11I ", [rip+.Ltf_d%=]}\n\t" \
	"jmp\ttf__check1\n"                                                  \
	".Ltf_d%=:\n\t"                                                      \
	".long\t%c" SITE "-.Ltf_d%=, " TF__BODY_AT "-.Ltf_d%=\n\t"          \
	TF__ENDBR "jmp\t%l" COLD "\n\t"                                     \
	TF__BODY_STUB ".popsection"
#define TF__ENTRY(s, cold)                                                  \
	__asm__ __volatile__ TF__ASM_INLINE goto(TF__SHARED_TEXT("0", "1", "2", "%%r11", "r11") \
		     : : "m"((s).gate), "i"(&(s)) : "r10", "r11", "cc" : cold)
/* tf__check1, entered with r11 = D: by == this thread: clear by, back to
   the body; else slot == 0 (emptied since the compare): back to the body;
   else r11 = slot, on to D+8 ("jmp cold"). */
#define TF__CHECK_DEFINE                                                    \
	__asm__(".pushsection\t.text.unlikely.tf__check1,\"axG\",@progbits,"  \
		"tf__check1,comdat\n\t"                                   \
		".weak\ttf__check1\n\t.hidden\ttf__check1\n\t"            \
		".type\ttf__check1, @function\n"                           \
		"tf__check1:\n\t"                                          \
		"{movslq\t(%%r11), %%r10|movsxd\tr10, DWORD PTR [r11]}\n\t" \
		"{movq\t8(%%r11,%%r10), %%r10|mov\tr10, QWORD PTR [r11+r10+8]}\n\t" \
		"{cmpq\t%%fs:0, %%r10|cmp\tr10, QWORD PTR fs:0}\n\t"       \
		"jne\t.Ltf_slot%=\n\t"                                      \
		"{movslq\t(%%r11), %%r10|movsxd\tr10, DWORD PTR [r11]}\n\t" \
		"{movq\t$0, 8(%%r11,%%r10)|mov\tQWORD PTR [r11+r10+8], 0}\n" \
		".Ltf_back%=:\n\t"                                            \
		"{movslq\t4(%%r11), %%r10|movsxd\tr10, DWORD PTR [r11+4]}\n\t" \
		"{addq\t%%r11, %%r10|add\tr10, r11}\n\t"                    \
		"{jmp\t*%%r10|jmp\tr10}\n"                                   \
		".Ltf_slot%=:\n\t"                                            \
		"{movslq\t(%%r11), %%r10|movsxd\tr10, DWORD PTR [r11]}\n\t" \
		"{movq\t(%%r11,%%r10), %%r10|mov\tr10, QWORD PTR [r11+r10]}\n\t" \
		"{testq\t%%r10, %%r10|test\tr10, r10}\n\t"                  \
		"je\t.Ltf_back%=\n\t"                                        \
		"{xchgq\t%%r10, %%r11|xchg\tr11, r10}\n\t"                  \
		"{addq\t$8, %%r10|add\tr10, 8}\n\t"                         \
		"{jmp\t*%%r10|jmp\tr10}\n\t"                                \
		".size\ttf__check1, .-tf__check1\n\t"                       \
		".popsection" : :)
/*
** TF__REG_DEFINE(S, N, I, O, NO): a unit registers without a
** constructor or destructor of its own, and without a struct tf_unit in
** memory.  It puts a note in section TF_SECTION_UNITS (type SHT_NOTE,
** which linkers keep under --gc-sections, GNU ld and lld alike): name
** "tf", type TF_ABI_VERSION, and a 20-byte description: the offsets from
** it of the site array S, the unit record I and the objects O (anything
** when there are none), and the counts of sites N and objects NO (4
** bytes each).
** tf__reg6, one per linked object (a hidden comdat, with its .init_array
** entry in the same group; tf__unreg6 and .fini_array likewise), hands
** the object's notes, __start_ to __stop_, to the runtime
** (tf__register_units), which makes a struct tf_unit of each and
** registers it (at dlclose and exit, tf__unregister_units unregisters
** them).  Before (session 13) each unit had a constructor, a destructor
** and its struct in .data: their code, two FDEs, two relocated array
** entries and three relocated pointers, about 200 bytes of text a unit
** (Lua: 33 units, 6.6 KB).  Both routines are three instructions and a
** jump, with no stack: no CFI, which clang's assembler would refuse
** inside the host function's; under indirect-branch tracking they start
** with endbr64 (.init_array calls them indirectly).  The host: a cold, unused static function
** (the rewriter's tf__host), as for the other routines here.
*/
#define TF__REG_DEFINE(S, N, I, O, NO)                                      \
	__asm__(".pushsection\t" TF_SECTION_UNITS ",\"a\",@note\n\t"        \
		".balign\t4\n\t"                                          \
		".long\t3, 20, %c[abi]\n\t"                                \
		".byte\t0x74, 0x66, 0, 0\n"                                 \
		".Ltf_nd%=:\n\t"                                             \
		".long\t%c[s] - .Ltf_nd%=, %c[i] - .Ltf_nd%=, "               \
		"%c[o] - .Ltf_nd%=, %c[n], %c[no]\n\t"                       \
		".popsection\n\t"                                          \
		".pushsection\t.text.unlikely.tf__reg6,\"axG\",@progbits,"  \
		"tf__reg6,comdat\n\t"                                      \
		".weak\ttf__reg6\n\t.hidden\ttf__reg6\n\t"                \
		".weak\ttf__unreg6\n\t.hidden\ttf__unreg6\n\t"            \
		".weak\ttf__register_units\n\t.weak\ttf__unregister_units\n\t" \
		".hidden\t__start_" TF_SECTION_UNITS "\n\t"               \
		".hidden\t__stop_" TF_SECTION_UNITS "\n\t"                \
		".type\ttf__reg6, @function\n"                              \
		"tf__reg6:\n\t"                                             \
		TF__ENDBR                                                   \
		"{movq\ttf__register_units@GOTPCREL(%%rip), %%rax|"         \
		"mov\trax, QWORD PTR tf__register_units@GOTPCREL[rip]}\n\t" \
		"jmp\t.Ltf_units%=\n\t"                                     \
		".size\ttf__reg6, .-tf__reg6\n\t"                           \
		".type\ttf__unreg6, @function\n"                            \
		"tf__unreg6:\n\t"                                           \
		TF__ENDBR                                                   \
		"{movq\ttf__unregister_units@GOTPCREL(%%rip), %%rax|"       \
		"mov\trax, QWORD PTR tf__unregister_units@GOTPCREL[rip]}\n" \
		".Ltf_units%=:\n\t"                                          \
		"{testq\t%%rax, %%rax|test\trax, rax}\n\t"                 \
		"je\t.Ltf_none%=\n\t"                                       \
		"{leaq\t__start_" TF_SECTION_UNITS "(%%rip), %%rdi|"        \
		"lea\trdi, [rip+__start_" TF_SECTION_UNITS "]}\n\t"        \
		"{leaq\t__stop_" TF_SECTION_UNITS "(%%rip), %%rsi|"         \
		"lea\trsi, [rip+__stop_" TF_SECTION_UNITS "]}\n\t"         \
		"{jmp\t*%%rax|jmp\trax}\n"                                  \
		".Ltf_none%=:\n\t"                                           \
		"ret\n\t"                                                   \
		".size\ttf__unreg6, .-tf__unreg6\n\t"                       \
		".popsection\n\t"                                          \
		".pushsection\t.init_array,\"awG\",@init_array,tf__reg6,"   \
		"comdat\n\t.balign\t8\n\t.quad\ttf__reg6\n\t.popsection\n\t" \
		".pushsection\t.fini_array,\"awG\",@fini_array,tf__reg6,"   \
		"comdat\n\t.balign\t8\n\t.quad\ttf__unreg6\n\t.popsection" \
		: : [s] "i"(S), [i] "i"(I), [o] "i"(O), [n] "i"(N),          \
		    [no] "i"(NO), [abi] "i"(TF_ABI_VERSION))
#else
#define TF__CHECK_DEFINE ((void)0)
#define TF__ENTRY(s, cold)                                                  \
	__asm__ __volatile__ TF__ASM_INLINE goto("{cmpq\t$0, %0|cmp\t" TF__QWORD "%0, 0}\n\t"          \
		     "jne\t.Ltf_pass%=\n"                                    \
		     ".Ltf_body%=:\n\t"                                       \
		     ".pushsection\t.text.unlikely,\"ax\",@progbits\n"      \
		     ".Ltf_pass%=:\n\t"                                       \
		     "{movq\t%%fs:0, %%r11|mov\tr11, QWORD PTR fs:0}\n\t"   \
		     "{cmpq\t%%r11, %1|cmp\t%1, r11}\n\t"                 \
		     "jne\t%l2\n\t"                                         \
		     "{movq\t$0, %1|mov\t" TF__QWORD "%1, 0}\n\t"          \
		     "jmp\t.Ltf_body%=\n\t.popsection"                      \
		     : : "m"((s).slot), "m"((s).by) : "r11", "cc" : cold)
#endif
#else
#define TF__CHECK_DEFINE ((void)0)
#define TF__ENTRY(s, cold)                                                  \
	do {                                                                \
		if (__builtin_expect(TF__SLOT(s) != 0, 0) && !TF__PASS(s))  \
			goto cold;                                          \
	} while (0)
#endif

/*
** TF__ENTRY_T(S, t, cold): the same fast path, and the out-of-line check
** also loads the slot into t (r11) for the cold path, where asm goto may
** have outputs on its labels (gcc 11 and later; clang 16 and later has
** them too, but miscompiled them at -O0 until LLVM 21, llvm-project
** issues 74483 and 110251, so clang keeps TF__ENTRY): a
** slot emptied since the compare goes back to the body from there, like
** a pass, so the cold path neither reloads the slot nor needs S.fn.
** (A routine shared by the file's traps and called below the red zone,
** tried before tf__check1, made a patched call 28 instructions and 4 ns
** slower.)
** With it (TF__HAVE_OUT), a static function's S.fn need not force gcc to
** keep an out-of-line copy (TF__FN below).  Elsewhere TF__ENTRY_T is
** TF__ENTRY and the cold path reloads (TF__PICK) or, for an inline-only
** function, falls through when the slot emptied (TF__LIVE).
*/
#if defined(__x86_64__) && defined(__LP64__) && !defined(TF__NO_ASM) && \
	!defined(__clang__) && __GNUC__ >= 11
#define TF__HAVE_OUT 1
#endif
/* With TF__SHARED, tf__check1 (above) is the check and hands the slot
   over in r11: a patched call runs 16 instructions of trap, not 9, for 23
   bytes less per trap than the per-trap form (48 bytes; Lua: 1794 traps). */
#if defined(TF__HAVE_OUT) && defined(TF__SHARED)
/* tf__check1 leaves r10 changed (clobbered); r11 is the slot. */
#define TF__TDECL(t) register tf_fnptr t __asm__("r11")                     \
	__attribute__((__unused__))
#define TF__ENTRY_T(s, t, cold)                                             \
	__asm__ __volatile__ TF__ASM_INLINE goto(TF__SHARED_TEXT("1", "2", "3", "%0", "%0")    \
		     : "=r"(t) : "m"((s).gate), "i"(&(s)) : "r10", "cc" : cold)
#define TF__PICK(s, t) ((void)0)
#define TF__LIVE(s, t) 1
#elif defined(TF__HAVE_OUT)
#define TF__TDECL(t) register tf_fnptr t __asm__("r11")
#define TF__ENTRY_T(s, t, cold)                                             \
	__asm__ __volatile__ TF__ASM_INLINE goto("{cmpq\t$0, %1|cmp\t" TF__QWORD "%1, 0}\n\t"          \
		     "jne\t.Ltf_pass%=\n"                                    \
		     ".Ltf_body%=:\n\t"                                       \
		     ".pushsection\t.text.unlikely,\"ax\",@progbits\n"      \
		     ".Ltf_pass%=:\n\t"                                       \
		     "{movq\t%%fs:0, %0|mov\t%0, QWORD PTR fs:0}\n\t"       \
		     "{cmpq\t%0, %2|cmp\t%2, %0}\n\t"                     \
		     "jne\t.Ltf_slot%=\n\t"                                  \
		     "{andq\t$0, %2|and\t" TF__QWORD "%2, 0}\n"             \
		     ".Ltf_back%=:\n\t"                                       \
		     "jmp\t.Ltf_body%=\n"                                    \
		     ".Ltf_slot%=:\n\t"                                       \
		     "{movq\t%1, %0|mov\t%0, %1}\n\t"                      \
		     "{testq\t%0, %0|test\t%0, %0}\n\t"                    \
		     "je\t.Ltf_back%=\n\t"                                   \
		     "jmp\t%l3\n\t"                                         \
		     ".popsection"                                            \
		     : "=r"(t) : "m"((s).slot), "m"((s).by) : "cc" : cold)
#define TF__PICK(s, t) ((void)0)
#define TF__LIVE(s, t) 1
#else
#define TF__TDECL(t) tf_fnptr t
#define TF__ENTRY_T(s, t, cold) TF__ENTRY(s, cold)
#define TF__PICK(s, t) ((void)(((t) = TF__SLOT(s)) == 0 && ((t) = (s).fn, 0)))
#define TF__LIVE(s, t) (((t) = TF__SLOT(s)) != 0)
#endif

/*
** TF__RSEL(rc, c): the cold path's call, for a function whose arguments
** are at most six integers or pointers, and whose result is one or none
** (the rewriter's RW_REGCALL): rc where the shared check is, c elsewhere.
** c is a C call through the slot.  A C call clobbers every call-clobbered
** register, and gcc's interprocedural register allocation (-fipa-ra) then
** takes that the function, cold path and all, clobbers them: its callers
** save what they keep across calls to it in callee-saved registers, with
** a push and a pop each (Lua's lua_compare around index2value: four).
** rc calls in asm instead (TF__RCALL_TEXT), through tf__pcall2, which
** keeps every register the asm does not name (TF__RCLOB: vector and x87
** registers, which the code around traps seldom holds across a call) and
** leaves the caller's red zone alone; the function's register use is
** then the body's own, as in plain gcc.  A patched call runs 48
** instructions with tf__pcall4 (and 48 with tf__pcall2; bench/patch), a
** direct call 8.
*/
#if defined(TF__HAVE_OUT) && defined(TF__SHARED) && defined(__SSE__) && \
	defined(__MMX__)
#define TF__RSEL(rc, c) rc
/*
** With the call in asm, the trap of such a function jumps straight to its
** cold block (TF__RENTRY_T: no out-of-line check, no descriptor), and the
** check is tf__pcall2's: the cold block's asm (TF__RCALL_TEXT) puts the
** arguments in their registers, the return address in rax, and jumps to
** tf__pcall2; the site's offset sits between that jump and the return
** address.  tf__pcall2 comes back with the carry flag clear and the result
** in rax, or with it set (a pass, or a slot emptied since the compare),
** and then the asm goes on into the body (%l[tf__b], the label after the
** trap).  Per trap, that is the compare and branch (the branch often
** short now, the cold block being near), and in the cold block 17 bytes
** and the carry branch, against the 25 bytes of .text.unlikely and 12 in
** the cold block of the shared check; a patched call takes three jumps
** and 6 instructions less.  The asm is "asm inline": its size counts as
** one instruction for gcc's inliner, where the shared check's three lines
** counted three.  The compare takes the slot's address as a constant
** ("i"): with "m" gcc put the site array's address in a register when a
** function held two traps.
** When optimizing, the compare is an asm with a flag output and the
** branch is C, with a probability of 1/10000: an asm goto's edge to the
** cold label gets 10% from gcc (the cold label predictor), which is
** enough for gcc to align every cold block (up to 10 bytes of padding),
** to optimize it for speed and to weigh it in register allocation.  As
** unlikely as this, the cold blocks are compact and left unaligned.  The
** branch is the same jne.  The price:
** __builtin_expect_with_probability counts as a call (5) in gcc's
** inliner, so at the same TF_INLINE_RAISE gcc inlines less (docs/tfcc.md).
** Lua, against the asm goto, at about the same number of trap
** instances (raise 30 against 15): text 419.3 to 408.0 KB, 551.2M to
** 548.4M instructions; cc1 on lcode.c at raise 15: 3.39G to 2.74G.
** Without optimization the asm goto stays (no setne, test and jne).
** The optimized compare tests S.gate against rsp ("testq %rsp, gate"):
** gate is all ones while the slot is set (the runtime keeps it so), and
** rsp is never 0.  A compare of memory with an immediate, as "cmpq $0,
** slot", is not fused with the branch that follows by Intel cores; a
** test of memory with a register is, and is a byte shorter.  Lua, x3,
** eleven alternating runs, against the cmpq: 1.5-3.8% faster (median),
** 1.0-2.0% (fastest run); the same instructions.
*/
#if defined(__OPTIMIZE__)
#define TF__RENTRY_T(s, t, cold)                                            \
	do {                                                                \
		int tf__ne;                                                 \
		__asm__ __volatile__("{testq\t%%rsp, %c1(%%rip)|test\tQWORD PTR [rip+%c1], rsp}" \
				     : "=@ccne"(tf__ne) : "i"(&(s).gate));  \
		if (__builtin_expect_with_probability((long)tf__ne, 0L, (double)9999 / 10000)) \
			goto cold;                                          \
	} while (0)
#else
#define TF__RENTRY_T(s, t, cold)                                            \
	__asm__ __volatile__ TF__ASM_INLINE goto("{cmpq\t$0, %c0(%%rip)|cmp\tQWORD PTR [rip+%c0], 0}\n\t" \
		     "jne\t%l1" : : "i"(&(s).slot) : "cc" : cold)
#endif
#define TF__RPICK(s, t) ((void)0)
/* In: rdi, rsi, rdx, rcx, r8, r9 the arguments; the site, as the operands
   TF__RCALL_OPS(S, its index, the unit's stub) give it; label tf__b the
   body.  Out: rax; r10, r11 and the flags clobbered.  Data sits in the
   immediate of a "test", so a disassembler stays in step. */
#if defined(TF__NORZ)
/*
** tfcc compiles with -mno-red-zone (and defines TF__NORZ; wrap/compile.c
** says when): nothing live sits below rsp, so the cold block calls, and a
** call and a ret the return predictor pairs.  It calls its unit's stub
** (TF__PSTUB_BODY: r10 = the unit's site array, on to tf__pcall4) with
** the site's index in the immediate of the "test" before the call: "testb
** $i, %al" (2 bytes), or "testw $i, %ax" (4) in a unit of more than 256
** sites (the rewriter defines TF__WIDE).  9 bytes against the 12 of
** "leaq S(%rip), %r10; call" (session 13), 5 of them on each of Lua's
** 1820 such traps; the stub costs 12 bytes a unit, and a patched call
** four instructions more.  Operands: tf__i the index, tf__p the stub.
*/
#if defined(TF__WIDE)
#define TF__RIDX_TEXT ".byte\t0x66, 0xa9\n\t.short\t%c[tf__i]\n\t"
#define TF__PCALL_ENTRY "tf__pcall4w"
#else
#define TF__RIDX_TEXT ".byte\t0xa8, %c[tf__i]\n\t"
#define TF__PCALL_ENTRY "tf__pcall4"
#endif
#define TF__RCALL_TEXT                                                      \
	TF__RIDX_TEXT "call\t%c[tf__p]\n\t"                                \
	"jc\t%l[tf__b]"
#define TF__RCALL_OPS(s, i, p) [tf__i] "i"(i), [tf__p] "i"(p)
#else
#define TF__RCALL_TEXT                                                      \
	"{leaq\t.Ltf_r%=(%%rip), %%rax|lea\trax, [rip+.Ltf_r%=]}\n\t"      \
	"jmp\ttf__pcall2\n\t.byte\t0xa9\n\t.long\t%c[tf__s] - .\n.Ltf_r%=:\n\t" \
	TF__ENDBR                                                           \
	"jc\t%l[tf__b]"
#define TF__RCALL_OPS(s, i, p) [tf__s] "i"(&(s))
#endif
/*
** What the asm names as changed besides rax, r10 and r11 (TF__RCLOB): the
** flags, memory, the vector registers and the x87 stack.  gcc then keeps
** no value in them across a cold path, even on the hot path (a loop
** summing doubles around an inlined trap loads and stores its sum each
** time), and the long list costs it time (about 4% on a trap-heavy file).
** Keeping them in tf__pcall2 instead: the x87 stack takes fnstsw on every
** patched call (to see whether it holds values), which made a patched
** call about 3 ns slower; the vector registers would have to cover the
** ymm, zmm and mask registers a function with a target("avx2") or
** target("avx512f") attribute may hold.  Not done.
*/
#define TF__RCLOB0                                                          \
	"cc", "memory", "xmm0", "xmm1", "xmm2", "xmm3", "xmm4", "xmm5",    \
	"xmm6", "xmm7", "xmm8", "xmm9", "xmm10", "xmm11", "xmm12", "xmm13", \
	"xmm14", "xmm15", "st", "st(1)", "st(2)", "st(3)", "st(4)",        \
	"st(5)", "st(6)", "st(7)"
#if defined(__AVX512F__)
#define TF__RCLOB TF__RCLOB0, "xmm16", "xmm17", "xmm18", "xmm19", "xmm20", \
	"xmm21", "xmm22", "xmm23", "xmm24", "xmm25", "xmm26", "xmm27",     \
	"xmm28", "xmm29", "xmm30", "xmm31", "k0", "k1", "k2", "k3", "k4",  \
	"k5", "k6", "k7"
#else
#define TF__RCLOB TF__RCLOB0
#endif
/*
** tf__pcall2: entered by a jump with the return address R in rax (no push:
** the caller's red zone, 128 bytes below its rsp, may hold its data); the
** 4 bytes before R hold the site's offset from them.  r10 = &S; S.by this
** thread (a pass): clear it, back with the carry set; slot 0 (emptied
** since the compare): back with the carry set; else save the argument
** registers and rbp, align the stack, call the slot with r10 = &S (the
** static chain), restore, back with the carry clear.  The CFI lets
** debuggers and unwinders walk through it; rbp makes a frame-pointer
** chain too.  One copy per linked object, a hidden comdat, emitted by
** the host function of each unit that needs it (TF__PCALL_DEFINE); the
** 2 in its name is the version of this protocol (session 10's tf__pcall,
** a static copy per unit, found the site from r10).
*/
/* The checks tf__pcall2 and tf__pcall4 share, r10 = &S: a pass for this
   thread to .Ltf_pass, an emptied slot to .Ltf_back, else the slot in
   r11. */
#define TF__PCALL_CHECK                                                     \
	"{movq\t8(%%r10), %%r11|mov\tr11, QWORD PTR [r10+8]}\n\t"          \
	"{cmpq\t%%fs:0, %%r11|cmp\tr11, QWORD PTR fs:0}\n\t"               \
	"je\t.Ltf_pass%=\n\t"                                              \
	"{movq\t(%%r10), %%r11|mov\tr11, QWORD PTR [r10]}\n\t"             \
	"{testq\t%%r11, %%r11|test\tr11, r11}\n\t"                         \
	"je\t.Ltf_back%=\n\t"
/* The part tf__pcall2 and tf__pcall4 share, rbp just pushed: frame, the
   six argument registers saved, the stack aligned, the slot (r11) called
   with r10 = &S, the registers back. */
#define TF__PCALL_CALL                                                      \
	"{movq\t%%rsp, %%rbp|mov\trbp, rsp}\n\t"                           \
	".cfi_def_cfa_register 6\n\t"                                      \
	"{pushq\t%%rdi|push\trdi}\n\t{pushq\t%%rsi|push\trsi}\n\t"         \
	"{pushq\t%%rdx|push\trdx}\n\t{pushq\t%%rcx|push\trcx}\n\t"         \
	"{pushq\t%%r8|push\tr8}\n\t{pushq\t%%r9|push\tr9}\n\t"             \
	"{andq\t$-16, %%rsp|and\trsp, -16}\n\t"                            \
	"{call\t*%%r11|call\tr11}\n\t"                                     \
	"{leaq\t-48(%%rbp), %%rsp|lea\trsp, [rbp-48]}\n\t"                 \
	"{popq\t%%r9|pop\tr9}\n\t{popq\t%%r8|pop\tr8}\n\t"                 \
	"{popq\t%%rcx|pop\trcx}\n\t{popq\t%%rdx|pop\trdx}\n\t"             \
	"{popq\t%%rsi|pop\trsi}\n\t{popq\t%%rdi|pop\trdi}\n\t"
#if defined(TF__NORZ)
/*
** tf__pcall4, for TF__NORZ: entered from a unit's stub with r10 = the
** unit's site array, the site's index in the byte 6 bytes before the
** return address (tf__pcall4w: the 2 bytes 7 before it); r10 = &S (40
** bytes a site), then the same checks and call as tf__pcall2, with a
** plain frame (rbp) for debuggers and unwinders; back by ret, with the
** carry flag set (a pass, or the slot emptied since the compare) or clear
** (the result in rax).  One copy per linked object, a hidden comdat.
*/
#define TF__PCALL_DEFINE                                                    \
	__asm__(".pushsection\t.text.unlikely.tf__pcall4,\"axG\",@progbits," \
		"tf__pcall4,comdat\n\t"                                  \
		".weak\ttf__pcall4\n\t.hidden\ttf__pcall4\n\t"          \
		".weak\ttf__pcall4w\n\t.hidden\ttf__pcall4w\n\t"        \
		".type\ttf__pcall4, @function\n"                          \
		".type\ttf__pcall4w, @function\n"                         \
		"tf__pcall4w:\n\t"                                         \
		".cfi_startproc\n\t"                                       \
		"{movq\t(%%rsp), %%r11|mov\tr11, QWORD PTR [rsp]}\n\t"         \
		"{movzwl\t-7(%%r11), %%r11d|movzx\tr11d, WORD PTR [r11-7]}\n\t" \
		"jmp\t.Ltf_idx%=\n"                                          \
		"tf__pcall4:\n\t"                                          \
		"{movq\t(%%rsp), %%r11|mov\tr11, QWORD PTR [rsp]}\n\t"         \
		"{movzbl\t-6(%%r11), %%r11d|movzx\tr11d, BYTE PTR [r11-6]}\n"   \
		".Ltf_idx%=:\n\t"                                            \
		"{leaq\t(%%r11,%%r11,4), %%r11|lea\tr11, [r11+r11*4]}\n\t"     \
		"{leaq\t(%%r10,%%r11,8), %%r10|lea\tr10, [r10+r11*8]}\n\t"     \
		TF__PCALL_CHECK                                                    \
		"{pushq\t%%rbp|push\trbp}\n\t"                                     \
		".cfi_adjust_cfa_offset 8\n\t.cfi_offset 6, -16\n\t"             \
		TF__PCALL_CALL                                                     \
		"{popq\t%%rbp|pop\trbp}\n\t"                                       \
		".cfi_def_cfa 7, 8\n\t.cfi_restore 6\n\t"                          \
		"clc\n\t"                                                          \
		"ret\n"                                                             \
		".Ltf_pass%=:\n\t"                                                 \
		"{movq\t$0, 8(%%r10)|mov\tQWORD PTR [r10+8], 0}\n"                 \
		".Ltf_back%=:\n\t"                                                 \
		"stc\n\t"                                                          \
		"ret\n\t"                                                          \
		".cfi_endproc\n\t"                                        \
		".size\ttf__pcall4, .-tf__pcall4\n\t"                     \
		".size\ttf__pcall4w, .-tf__pcall4w\n\t"                   \
		".popsection" : :)
/*
** A unit's stub, tf__P_<uid>, is what its cold blocks call: the unit's
** site array into r10, then on to tf__pcall4 (or tf__pcall4w).  It is the
** body of a naked static function (the rewriter's, where TF__PSTUB is
** defined), which also holds the asm of the shared routines and of the
** unit's registration (TF__REG_DEFINE): the function's FDE is the stub's
** (the CFA is rsp+8 throughout, as the compiler's default rule says),
** where a stub of its own took an FDE more (32 bytes a unit: Lua 1 KB).
** A local symbol, so a relocatable link (-r) shows no new global.
*/
#define TF__PSTUB 1
#define TF__PSTUB_BODY(sites)                                               \
	__asm__("{leaq\t%c0(%%rip), %%r10|lea\tr10, [rip+%c0]}\n\t"          \
		"jmp\t" TF__PCALL_ENTRY : : "i"(sites))
#else
#define TF__PCALL_DEFINE                                                    \
	__asm__(".pushsection\t.text.unlikely.tf__pcall2,\"axG\",@progbits," \
		"tf__pcall2,comdat\n\t"                                  \
		".weak\ttf__pcall2\n\t.hidden\ttf__pcall2\n\t"          \
		".type\ttf__pcall2, @function\n"                          \
		"tf__pcall2:\n\t"                                          \
		".cfi_startproc\n\t.cfi_def_cfa 7, 0\n\t.cfi_register 16, 0\n\t"   \
		"{movslq\t-4(%%rax), %%r10|movsxd\tr10, DWORD PTR [rax-4]}\n\t"    \
		"{leaq\t-4(%%rax,%%r10), %%r10|lea\tr10, [rax+r10-4]}\n\t"         \
		TF__PCALL_CHECK                                                    \
		"{leaq\t-128(%%rsp), %%rsp|lea\trsp, [rsp-128]}\n\t"               \
		".cfi_adjust_cfa_offset 128\n\t"                                   \
		"{pushq\t%%rax|push\trax}\n\t"                                     \
		".cfi_adjust_cfa_offset 8\n\t.cfi_offset 16, -136\n\t"             \
		"{pushq\t%%rbp|push\trbp}\n\t"                                     \
		".cfi_adjust_cfa_offset 8\n\t.cfi_offset 6, -144\n\t"              \
		TF__PCALL_CALL                                                     \
		"{popq\t%%rbp|pop\trbp}\n\t"                                       \
		".cfi_def_cfa 7, 136\n\t.cfi_restore 6\n\t"                        \
		"{popq\t%%r11|pop\tr11}\n\t"                                       \
		".cfi_def_cfa_offset 128\n\t.cfi_register 16, 11\n\t"              \
		"{leaq\t128(%%rsp), %%rsp|lea\trsp, [rsp+128]}\n\t"                \
		".cfi_def_cfa_offset 0\n\t"                                        \
		"clc\n\t"                                                          \
		"{jmp\t*%%r11|jmp\tr11}\n"                                         \
		".Ltf_pass%=:\n\t"                                                 \
		".cfi_register 16, 0\n\t"                                          \
		"{movq\t$0, 8(%%r10)|mov\tQWORD PTR [r10+8], 0}\n"                 \
		".Ltf_back%=:\n\t"                                                 \
		"stc\n\t"                                                          \
		"{jmp\t*%%rax|jmp\trax}\n\t"                                       \
		".cfi_endproc\n\t"                                        \
		".size\ttf__pcall2, .-tf__pcall2\n\t"                     \
		".popsection" : :)
#endif
#else
#define TF__RSEL(rc, c) c
#define TF__RENTRY_T(s, t, cold) TF__ENTRY_T(s, t, cold)
#define TF__RPICK(s, t) TF__PICK(s, t)
#define TF__PCALL_DEFINE ((void)0)
#endif

/*
** TF__FN(f, w): what S.fn holds for a static function: &f, which makes the
** compiler keep an out-of-line copy even where it inlined every call, or,
** when the rewriter was told tfcc will resolve it (TF__WEAK_STATICS) and
** the trap needs no S.fn (TF__HAVE_OUT), &w: a weak hidden symbol whose
** relocations tfcc points at f in the object file if the compiler emitted
** f, and that otherwise stays 0 (no out-of-line copy: replace only).
** gcc only: it changes a local function's arguments or return only in a
** renamed clone (f.constprop.0, f.isra.0), never f itself.  clang (LLVM's
** constant propagation and dead-argument elimination) rewrites an
** internal function whose address is not taken in place, under its own
** name, so calling it as the original could run the wrong code.
*/
#if defined(TF__WEAK_STATICS) && defined(TF__HAVE_OUT)
#define TF__FN(f, w) ((tf_fnptr)&w)
#else
#define TF__FN(f, w) ((tf_fnptr)&f)
#endif
/*
** TF__FNFILE: where the sites' .fn come from the object file instead of
** an address in each site.  An address in .data takes a dynamic
** relocation in a PIE or shared object (24 bytes of .rela.dyn, applied
** at every start), and a table of offsets in .rodata (session 12) took 4
** bytes a site of the loaded image.  Instead the unit writes one entry a
** site into the section TF_SECTION_FN, which is not allocated (as
** TF_SECTION_RECORDS): the linker settles each to the function's address
** in the linked file, and the runtime adds the object's load bias when
** it reads the unit's site records (runtime/records.c), before anything
** uses .fn: a site is looked up, and so parsed, before it is armed.  A
** unit's entries: its key (TF_INFO_KEY, 16 characters), the number of
** sites (8 bytes), then per site 8 bytes, 0 or the address; 8-aligned.
** x86-64 only, as TF__SHARED (not under LTO, where gcc may move what
** only a top-level asm names, nor the large code model), and never in a
** unit without asm (TF__NO_ASM, which the rewriter knows).  The table
** names an extern function through a local equate (.set), so the entry
** is this object's own copy even in a shared object; a static one
** through its weak symbol (TF__FN), whose relocation tfcc points at the
** function, or drops when the compiler emitted none (wrap/fnfix.c).
** TF__FNX(f) / TF__FNW(f, w): what the site holds in C (0 when the file
** has it); TF__RX(l, f) / TF__RW(w): the entry.
*/
#if defined(TF__SHARED) && !defined(TF__NO_FNFILE)
#define TF__FNFILE 1
#define TF__FNX(f) 0
#define TF__RX(l, f) ".set\t" l ", " f "\n\t.quad\t" l "\n\t"
#if defined(TF__WEAK_STATICS) && defined(TF__HAVE_OUT)
#define TF__FNW(f, w) 0
#define TF__RW(w) ".weak\t" w "\n\t.hidden\t" w "\n\t.quad\t" w "\n\t"
#else
#define TF__FNW(f, w) TF__FN(f, w)
#define TF__RW(w) ".quad\t0\n\t"
#endif
#else
#define TF__FNX(f) ((tf_fnptr)&f)
#define TF__FNW(f, w) TF__FN(f, w)
#endif
#if defined(__x86_64__)
#define TF__CHAIN(call, s) __builtin_call_with_static_chain(call, &(s))
#else
#define TF__CHAIN(call, s) (call)
#endif
#if defined(__clang__)
#define TF__COLD
#else
#define TF__COLD __attribute__((__cold__))
#endif

/*
** Records are text, one value per line in a fixed order, no keys (the
** keys below name the values for tools and the API):
**   unit: TF_INFO_UNIT_KEYS, the first line being TF_INFO_UNIT_MAGIC;
**   site: TF_INFO_SITE_KEYS; an empty line is an absent value, and an
**         empty file is the unit's (else a #include'd .c file).
** A unit's records are one array: the unit record, then its nsites site
** records, each NUL-terminated, in the section TF_SECTION_RECORDS,
** which is not allocated (the loader does not map it).  The unit record
** alone is also in TF_SECTION_INFO (loaded; tf_unit.info points at it);
** its key, the FNV-1a 64 hash of the unit's site records (their bytes
** and NULs), finds and checks the full copy in the file.  A unit record
** with no key (a file named with '"' or '\\', whose unit takes no asm)
** has its site records after it in TF_SECTION_INFO.  A unit with objects
** (tf_unit.objs) has one record more after its site records, and in the
** key: TF_INFO_OBJECTS_MAGIC, then each object's name on a line of its
** own, in the order of tf_unit.objs: "var" for a file-scope object,
** "fn/var" for a static local of fn ("fn/var#2" for the second of that
** name in fn).  A tool reading a section skips NULs (padding between
** units) to the next unit record.
*/
#define TF_INFO_NAME "name"         /* function name */
#define TF_INFO_FILE "file"         /* source path as given to the compiler */
#define TF_INFO_LINE "line"         /* line of the function's name */
#define TF_INFO_SIG "sig"           /* type, e.g. "int (int, int)" */
#define TF_INFO_SIGHASH "sighash"   /* 16 hex digits, FNV-1a 64 of the ABI */
#define TF_INFO_BODYHASH "bodyhash" /* 16 hex digits, FNV-1a 64 of tokens */
#define TF_INFO_RET "ret"           /* return type */
#define TF_INFO_PARAMS "params"     /* "type name" pairs, separated by '\t' */
#define TF_INFO_FLAGS "flags"       /* comma list: static,inline,variadic,
				       noreturn,knr,main,nothunk */
#define TF_INFO_CC "cc"             /* calling-convention layout for the
				       generic thunk: "ret;param,param..."
				       (docs/generated-code.md) */
#define TF_INFO_VARIANT "variant"   /* 8 hex digits: hash of the macros set */
#define TF_INFO_ABI "abi"           /* TF_ABI_VERSION */
#define TF_INFO_NSITES "nsites"     /* site records after the unit's */
#define TF_INFO_KEY "key"           /* 16 hex digits: FNV-1a 64 of the site
				       records; empty: they follow in tf_info */
#define TF_INFO_UNIT_MAGIC "tf.unit"
#define TF_INFO_OBJECTS_MAGIC "tf.objects"
#define TF_INFO_SITE_KEYS                                                   \
	{ TF_INFO_NAME, TF_INFO_FILE, TF_INFO_LINE, TF_INFO_SIG,           \
	  TF_INFO_SIGHASH, TF_INFO_BODYHASH, TF_INFO_RET, TF_INFO_PARAMS,  \
	  TF_INFO_FLAGS, TF_INFO_CC }
#define TF_INFO_UNIT_KEYS                                                   \
	{ TF_INFO_UNIT_MAGIC, TF_INFO_ABI, TF_INFO_FILE, TF_INFO_VARIANT,  \
	  TF_INFO_NSITES, TF_INFO_KEY }

/* ELF sections (names are C identifiers so the linker provides
   __start_/__stop_ symbols). */
#define TF_SECTION_INFO "tf_info"
#define TF_SECTION_RECORDS "tf_records"
#define TF_SECTION_FN "tf_fn"       /* the sites' .fn (TF__FNFILE) */
#define TF_SECTION_UNITS "tf_units" /* a note per unit (TF__REG_DEFINE) */

/* Files tf-rewrite leaves beside its output OUT for tfcc: OUT<PARAMS>, empty,
   when clang saw an unused parameter (wrap/params.c); OUT<DEP><k>.h, the
   marker a pasted .c file's #include became, naming it (wrap/depfile.c). */
#define TF_SIDE_PARAMS ".tfparams"
#define TF_SIDE_DEP ".tfdep"

#endif /* TIGERFIX_TRAP_H */
