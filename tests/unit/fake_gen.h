/*
** Hand-written "generated" code for unit tests: macros that expand to the
** exact shapes of docs/generated-code.md (trap, records, unit,
** constructor), so the runtime can be tested without the rewriter.
** A unit defines FG_S (its site array name) before including this.
*/
#ifndef FAKE_GEN_H
#define FAKE_GEN_H

#include <tigerfix/trap.h>

/* extern struct tf_site tf__S_<uid>[n] (top of a rewritten file) */
#define FG_DECLARE(n)                                                      \
	extern struct tf_site FG_S[n]                                      \
		__attribute__((__visibility__("hidden")));

/* the trap right after the body's '{' */
#define FG_TRAP(i, f, args)                                                \
	__extension__ int tf__u __attribute__((__unused__)) = ({          \
		__label__ tf__c;                                           \
		TF__ENTRY(FG_S[i], tf__c);                                 \
		if (0) {                                                   \
		tf__c:                                                     \
			TF__COLD;                                          \
			{                                                  \
				tf_fnptr tf__t = TF__SLOT(FG_S[i]);        \
				if (tf__t == 0)                            \
					tf__t = FG_S[i].fn;                \
				return TF__CHAIN(((__typeof__(&f))tf__t)   \
						 args, FG_S[i]);           \
			}                                                  \
		}                                                          \
		0;                                                         \
	});
#define FG_TRAP_VOID(i, f, args)                                           \
	__extension__ int tf__u __attribute__((__unused__)) = ({          \
		__label__ tf__c;                                           \
		TF__ENTRY(FG_S[i], tf__c);                                 \
		if (0) {                                                   \
		tf__c:                                                     \
			TF__COLD;                                          \
			{                                                  \
				tf_fnptr tf__t = TF__SLOT(FG_S[i]);        \
				if (tf__t == 0)                            \
					tf__t = FG_S[i].fn;                \
				TF__CHAIN(((__typeof__(&f))tf__t) args,    \
					  FG_S[i]);                        \
				return;                                    \
			}                                                  \
		}                                                          \
		0;                                                         \
	});
/* variadic: one fixed argument a0; pre-interceptors only */
#define FG_TRAP_VARIADIC(i, a0)                                            \
	__extension__ int tf__u __attribute__((__unused__)) = ({          \
		if (__builtin_expect(TF__SLOT(FG_S[i]) != 0, 0)) {         \
			__typeof__((void)0, a0) tf__a0 = a0;               \
			void *tf__v[1];                                    \
			struct tf_frame tf__f;                             \
			tf__v[0] = &tf__a0;                                \
			(void)tf__pre(&FG_S[i], tf__v, 0, &tf__f);         \
		}                                                          \
		0;                                                         \
	});

/* records: the unit's, then one per site, in one array:
   FG_UNIT(n, nobjs, objs, "file=...\n" FG_REC("name=...") ...) */
#define FG_REC(text) "\0" text
#define FG_SITE(i, fn) TF__SITE_INIT((tf_fnptr)(fn))

/* unit + constructor/destructor; objs may be 0 with nobjs 0 */
#define FG_UNIT(n, nobjs, objs, text)                                      \
	static const char tf__I[] __attribute__((__section__("tf_info"),   \
						 __used__, __aligned__(1))) = \
		text;                                                      \
	static struct tf_unit tf__U = { TF_ABI_VERSION, n, FG_S, nobjs,    \
					objs, tf__I, 0, 0 };               \
	static void tf__ctor(void) __attribute__((__constructor__));       \
	static void tf__ctor(void)                                         \
	{                                                                  \
		TF__CHECK_DEFINE;                                          \
		if (tf__register)                                          \
			tf__register(&tf__U);                              \
	}                                                                  \
	static void tf__dtor(void) __attribute__((__destructor__));        \
	static void tf__dtor(void)                                         \
	{                                                                  \
		if (tf__unregister)                                        \
			tf__unregister(&tf__U);                            \
	}

#endif /* FAKE_GEN_H */
