/*
** Writes the instrumented text of one unit, exactly in the shape of
** docs/generated-code.md: trap.h verbatim, the site array's declaration,
** #line 1, the original bytes with traps and asm labels inserted on
** their own lines, then exports, records, unit and constructor.
*/
#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <tigerfix/trap.h>

#include "rewriter.h"

unsigned rw_emit_nsites(const struct rw_unit *u)
{
	unsigned n = 0;
	for (unsigned i = 0; i < u->nfuncs; i++)
		n += !u->funcs[i].skip;
	return n;
}

static void cstr(struct rw_buf *b, const char *s)
{
	rw_buf_puts(b, "\"");
	rw_buf_cesc(b, s, strlen(s));
	rw_buf_puts(b, "\"");
}

static void args(struct rw_buf *b, const struct rw_func *f)
{
	rw_buf_puts(b, "(");
	for (unsigned i = 0; i < f->nparams; i++)
		rw_buf_printf(b, "%s%s", i ? ", " : "", f->params[i].name);
	rw_buf_puts(b, ")");
}

/* A static function whose .fn tfcc resolves after the compile (TF__FN in
   trap.h): not one with an asm label, whose symbol is not its name. */
static int weak_fn(const struct rw_opts *o, const struct rw_func *f)
{
	return o->weak_statics && (f->flags & RW_STATIC) &&
	       !(f->flags & RW_INLINE_ONLY) && !f->asm_label;
}

/* An extern function whose .fn can be an entry in the file (TF__FNFILE
   in trap.h): named in the table through a local equate of its symbol,
   which must then be its name (no asm label) and this object's
   own definition, the one the linker keeps: not where the unit says
   "weak" anywhere (an attribute, #pragma weak). */
static int rel_extern(const struct rw_unit *u, const struct rw_func *f)
{
	if (f->flags & (RW_STATIC | RW_INLINE_ONLY) || f->asm_label)
		return 0;
	for (unsigned k = 0; k < u->nfiles; k++)
		if (memmem(u->files[k].src, u->files[k].len, "weak", 4))
			return 0;
	return 1;
}

/* gcc writes file names unescaped into the assembly around an asm
   statement: a unit with a file named with '"' or '\\' takes none
   (TF__NO_ASM in trap.h). */
static int no_asm(const struct rw_unit *u)
{
	for (unsigned k = 0; k < u->nfiles; k++)
		if (strpbrk(u->files[k].presumed, "\"\\"))
			return 1;
	return 0;
}

/*
** A pasted .c file is no longer opened by the compiler, so its -MD list
** would lack it: in its place the paste includes an empty marker beside
** the output, OUT.tfdep<k>.h (k: the first of the unit's files with its
** name; a template's copies share one, listed once as gcc lists the file),
** whose one line, a comment, names the file as gcc would list it.  tfcc's
** dep_mend (wrap/depfile.c) writes that name in the marker's place.
*/
unsigned rw_dep_index(const struct rw_unit *u, unsigned fi)
{
	for (unsigned j = 1; j < fi; j++)
		if (!strcmp(u->files[j].presumed, u->files[fi].presumed))
			return j;
	return fi;
}

char *rw_dep_marker(const char *out, unsigned k, int path)
{
	const char *base = strrchr(out, '/');
	struct rw_buf b = {0};
	rw_buf_printf(&b, "%s" TF_SIDE_DEP "%u.h", path || !base ? out : base + 1, k);
	return rw_buf_take(&b);
}

/* Whether a function of the unit calls from its cold path in asm. */
static int has_regcall(const struct rw_unit *u)
{
	for (unsigned k = 0; k < u->nfuncs; k++)
		if (!u->funcs[k].skip && (u->funcs[k].flags & RW_REGCALL))
			return 1;
	return 0;
}

/* The cold path's call in asm (TF__RSEL, TF__RCALL_TEXT in trap.h): the
   arguments in their registers (widened to int where narrower), the site
   as operand tf__s, the result in rax, and the way back into the body
   (label tf__b) for a pass or a slot emptied since the compare.  No
   commas outside parentheses: it is a macro argument.
   gcc 12 works around: an asm goto with outputs counts as not volatile
   in RTL, so with its result unused (an inlined call whose value the
   caller drops) gcc deleted it, cold path and all, unless it says
   __volatile__; and the copy of its output into a return that other
   paths share (a PHI on its fallthrough edge) went missing, so the
   function returned garbage, unless an empty asm takes the result first
   (e2e.rt_cold_dropped, e2e.rt_cold_kept). */
static void regcall(struct rw_buf *b, const struct rw_func *f,
		    const char *site, const char *uid, unsigned idx)
{
	static const char *const reg[] = { "D", "S", "d", "c", "r8", "r9" };
	rw_buf_puts(b, "{ ");
	if (!(f->flags & RW_VOID)) {
		rw_buf_printf(b, "union { tf_fnptr tf__x; __typeof__(&%s) tf__f; } "
			      "tf__p; __typeof__(tf__p.tf__f", f->name);
		args(b, f);
		rw_buf_puts(b, ") tf__r; ");
	}
	for (unsigned i = 4; i < f->nparams; i++)
		rw_buf_printf(b, "register __typeof__(%s%s) tf__a%u "
			      "__asm__(\"%s\") = %s; ",
			      f->promote >> i & 1 ? "0 + " : "(void)0, ",
			      f->params[i].name, i, reg[i], f->params[i].name);
	rw_buf_puts(b, "__asm__ __volatile__ TF__ASM_INLINE goto(TF__RCALL_TEXT : ");
	if (!(f->flags & RW_VOID))
		rw_buf_puts(b, "\"=a\"(tf__r)");
	rw_buf_puts(b, " : ");
	for (unsigned i = 0; i < f->nparams; i++) {
		const char *pre = f->promote >> i & 1 ? "0 + " : "";
		if (i < 4)
			rw_buf_printf(b, "\"%s\"(%s%s), ", reg[i], pre,
				      f->params[i].name);
		else
			rw_buf_printf(b, "\"r\"(tf__a%u), ", i);
	}
	rw_buf_printf(b, "TF__RCALL_OPS(%s, %u, tf__P_%s) : \"r10\", \"r11\", "
		      "TF__RCLOB%s : tf__b); ", site, idx, uid,
		      f->flags & RW_VOID ? ", \"rax\"" : "");
	if (!(f->flags & (RW_VOID | RW_NORETURN)))
		rw_buf_puts(b, "__asm__(\"\" : \"+r\"(tf__r)); return tf__r; ");
	rw_buf_puts(b, "}");
}

/* Whether the unit's static locals get their second names (tf.L...) in
   their functions' traps: only an emitted function then defines them, and
   the tail's weak references to them stay 0 for one gcc never emitted
   (an unused static inline function).  Not without asm in functions
   (TF__NO_ASM); there the tail defines them.  Under LTO nothing does: a
   static local that two partitions of the link share is renamed
   (tf.l...lto_priv.N), so no name given in asm text reaches it, and the
   old tail's ".set" left redis with 88 undefined symbols, a failed link.
   Its address then reads 0: a patch that binds it is refused ("has no
   storage").  A trap can take a local's address only after its
   declaration, which is in the body. */
static int objs_in_traps(const struct rw_opts *o, const struct rw_unit *u)
{
	return !no_asm(u) && !o->lto;
}

/* The second names of function j's static locals, as statements: set
   once (gas gives a symbol set again, in another inlined copy of the
   function, a new instance without the .hidden the tail said). */
static void obj_sets(struct rw_buf *b, const struct rw_opts *o,
		     const struct rw_unit *u, unsigned j)
{
	if (!objs_in_traps(o, u))
		return;
	for (unsigned i = 0; i < u->nobjs; i++)
		if (u->objs[i].label && u->objs[i].func == (int)j)
			rw_buf_printf(b, "__asm__(\".ifndef tf.L%s\\n\\t.set "
				      "tf.L%s, %s\\n\\t.endif\"); ",
				      u->objs[i].label + 4, u->objs[i].label + 4,
				      u->objs[i].label);
}

/*
** What follows the trap when more of the source line follows the '{':
** the rest moves to a line of its own, after a #line naming the line the
** '{' is on, and after blanks (tabs where the source has tabs) as wide as
** the line up to and with the '{'.  Its tokens then keep their line and
** their column (in bytes, and in display columns for ASCII) in
** diagnostics and debug info; on the '{' line itself the trap would push
** them right by its length.
*/
static void trap_line_end(struct rw_buf *b, const struct rw_unit *u,
			  const struct rw_func *f)
{
	const struct rw_file *rf = &u->files[f->file];
	size_t at = f->brace + 1, start = f->brace, k;

	for (k = at; k < rf->len && rf->src[k] != '\n'; k++)
		if (rf->src[k] != ' ' && rf->src[k] != '\t' &&
		    rf->src[k] != '\r')
			break;
	if (k >= rf->len || rf->src[k] == '\n')
		return;                 /* nothing but blanks follows */
	while (start > rf->start && rf->src[start - 1] != '\n')
		start--;
	rw_buf_printf(b, "\n#line %u ", f->bline);
	cstr(b, f->bfile ? f->bfile : rf->presumed);
	rw_buf_puts(b, "\n");
	for (k = start; k < at; k++)
		rw_buf_puts(b, rf->src[k] == '\t' ? "\t" : " ");
}

/* The statement after the body's '{' (one declaration, see the docs) of
   function j, site i, and what keeps the rest of the line in place. */
static char *trap(const struct rw_opts *o, const struct rw_unit *u,
		  unsigned j, unsigned i)
{
	const struct rw_func *f = &u->funcs[j];
	struct rw_buf b = {0};
	char site[64];
	snprintf(site, sizeof site, "tf__S_%s[%u]", o->uid, i);
	if (f->flags & RW_VARIADIC) {
		rw_buf_puts(&b, " __extension__ int tf__u __attribute__((__unused__)) = "
			    "({ __label__ tf__c; ");
		obj_sets(&b, o, u, j);
		rw_buf_printf(&b, "TF__ENTRY(%s, tf__c); if (0) { tf__c: "
			      "TF__COLD; { ", site);
		unsigned n = f->nparams ? f->nparams : 1;
		for (unsigned k = 0; k < f->nparams; k++)
			rw_buf_printf(&b, "__typeof__((void)0, %s) tf__a%u = %s; ",
				      f->params[k].name, k, f->params[k].name);
		rw_buf_printf(&b, "void *tf__v[%u]; struct tf_frame tf__f; ", n);
		if (!f->nparams)
			rw_buf_puts(&b, "tf__v[0] = 0; ");
		for (unsigned k = 0; k < f->nparams; k++)
			rw_buf_printf(&b, "tf__v[%u] = &tf__a%u; ", k, k);
		rw_buf_printf(&b, "if (TF__SLOT(%s) != 0) (void)tf__pre(&%s, "
			      "tf__v, 0, &tf__f); } } 0; });", site, site);
		trap_line_end(&b, u, f);
		return rw_buf_take(&b);
	}
	/* The check hands the slot to the cold path in tf__t, or (older
	   compilers) the cold path reloads it and calls the function itself
	   through .fn if it emptied meanwhile; only an inline-only function
	   (no .fn) then falls through instead.  A function whose cold path
	   may call in asm (RW_REGCALL) takes TF__RENTRY_T and TF__RPICK:
	   with the call in asm (TF__RSEL) the trap jumps straight to the
	   cold block and tf__pcall4 or tf__pcall2 does the check, going back
	   into the body (tf__b) for a pass or an emptied slot. */
	int rc = (f->flags & RW_REGCALL) != 0;
	/* Warnings about the trap's own code, which the user's code does
	   not have, are silenced around it: it names the function (through
	   __typeof__: a deprecated one warns) and calls it (gcc's
	   -Waggregate-return, and -Wtraditional-conversion for a narrow
	   argument: TF__Q_* in trap.h, empty for clang, which knows
	   neither). */
	unsigned quiet = f->flags & (RW_DEPRECATED | RW_AGGRET | RW_NARROWARG);
	if (quiet)
		rw_buf_puts(&b, " _Pragma(\"GCC diagnostic push\")");
	if (quiet & RW_DEPRECATED)
		rw_buf_puts(&b, " _Pragma(\"GCC diagnostic ignored "
			    "\\\"-Wdeprecated-declarations\\\"\")");
	if (quiet & RW_AGGRET)
		rw_buf_puts(&b, " TF__Q_AGGRET");
	if (quiet & RW_NARROWARG)
		rw_buf_puts(&b, " TF__Q_NARROWARG");
	rw_buf_printf(&b, " __extension__ int tf__u __attribute__((__unused__)) = "
		      "({ __label__ tf__c%s; TF__TDECL(tf__t); ", rc ? ", tf__b" : "");
	obj_sets(&b, o, u, j);
	rw_buf_printf(&b, "TF__%sENTRY_T(%s, tf__t, tf__c); if (0) { tf__c: "
		      "TF__COLD; { ", rc ? "R" : "", site);
	if (f->flags & RW_INLINE_ONLY)
		rw_buf_printf(&b, "if (TF__LIVE(%s, tf__t)) ", site);
	else
		rw_buf_printf(&b, "TF__%sPICK(%s, tf__t); ", rc ? "R" : "", site);
	/* A union, not a cast: gcc types noreturn and const functions as
	   qualified, and -Wcast-qual would flag a cast that adds that. */
	if (f->flags & RW_REGCALL) {
		rw_buf_puts(&b, "TF__RSEL(");
		regcall(&b, f, site, o->uid, i);
		rw_buf_puts(&b, ", ");
	}
	rw_buf_printf(&b, "{ union { tf_fnptr tf__x; __typeof__(&%s) tf__f; } "
		      "tf__p; tf__p.tf__x = tf__t; ", f->name);
	if (!(f->flags & (RW_VOID | RW_NORETURN)))
		rw_buf_puts(&b, "return ");
	rw_buf_puts(&b, "TF__CHAIN(tf__p.tf__f");
	args(&b, f);
	rw_buf_printf(&b, ", %s); }", site);
	if (f->flags & RW_REGCALL)
		rw_buf_puts(&b, ")");
	if (f->flags & RW_NORETURN)
		rw_buf_puts(&b, " __builtin_unreachable();");
	else if (f->flags & RW_VOID)
		rw_buf_puts(&b, " return;");
	rw_buf_puts(&b, rc ? " } } tf__b: __attribute__((__unused__)); 0; });"
			: " } } 0; });");
	if (quiet)
		rw_buf_puts(&b, " _Pragma(\"GCC diagnostic pop\")");
	trap_line_end(&b, u, f);
	return rw_buf_take(&b);
}

static void flags(struct rw_buf *b, unsigned fl)
{
	static const struct { unsigned bit; const char *name; } names[] = {
		{ RW_STATIC, "static" }, { RW_INLINE, "inline" },
		{ RW_VARIADIC, "variadic" }, { RW_NORETURN, "noreturn" },
		{ RW_KNR, "knr" }, { RW_MAIN, "main" }, { RW_NOTHUNK, "nothunk" }
	};
	const char *sep = "";
	for (size_t k = 0; k < sizeof names / sizeof names[0]; k++)
		if (fl & names[k].bit) {
			rw_buf_printf(b, "%s%s", sep, names[k].name);
			sep = ",";
		}
}

/* One site record (trap.h: TF_INFO_SITE_KEYS, one value per line),
   appended to t with its terminating NUL. */
static void record(struct rw_buf *t, const struct rw_opts *o,
		   const struct rw_unit *u, const struct rw_func *f)
{
	char *file = rw_args_file_name(o, f->file ? u->files[f->file].presumed : "");
	rw_buf_printf(t, "%s\n%s\n%u\n%s\n", f->name, file, f->line, f->sig);
	free(file);
	rw_buf_printf(t, "%016llx\n%016llx\n%s\n",
		      (unsigned long long)f->sighash,
		      (unsigned long long)f->bodyhash, f->ret);
	for (unsigned k = 0; k < f->nparams; k++)
		rw_buf_printf(t, "%s%s %s", k ? "\t" : "", f->params[k].rtype,
			      f->params[k].name);
	rw_buf_puts(t, "\n");
	flags(t, f->flags);
	rw_buf_printf(t, "\n%s\n", f->cc ? f->cc : "");
	rw_buf_add(t, "", 1);
}

/* n bytes of s as the operand of a gas .ascii directive: printable ASCII
   as is, every other byte (and '"', '\\') as a three-digit octal escape */
static void gas_str(struct rw_buf *b, const char *s, size_t n)
{
	rw_buf_puts(b, "\"");
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c < 0x20 || c >= 0x7f || c == '"' || c == '\\')
			rw_buf_printf(b, "\\%03o", c);
		else
			rw_buf_add(b, (const char *)&c, 1);
	}
	rw_buf_puts(b, "\"");
}

/* The records as a top-level asm statement putting them in the
   non-allocated section TF_SECTION_RECORDS: the unit record (unit, n
   bytes) and the site records (sites, ns bytes), one .ascii each. */
static void records_asm(struct rw_buf *b, const char *unit, size_t n,
			const char *sites, size_t ns)
{
	struct rw_buf a = {0};
	rw_buf_puts(&a, "\t.pushsection\t" TF_SECTION_RECORDS ",\"\"\n\t.ascii\t");
	gas_str(&a, unit, n);
	for (size_t i = 0; i < ns;) {
		size_t len = strlen(sites + i) + 1;
		rw_buf_puts(&a, "\n\t.ascii\t");
		gas_str(&a, sites + i, len);
		i += len;
	}
	rw_buf_puts(&a, "\n\t.popsection");
	rw_buf_puts(b, "__asm__(\"");
	rw_buf_cesc(b, a.p, a.n);
	rw_buf_puts(b, "\");\n");
	free(a.p);
}

static void objects(struct rw_buf *b, const struct rw_opts *o,
		    const struct rw_unit *u)
{
	if (!u->nobjs)
		return;
	unsigned k = 0;
	for (unsigned i = 0; i < u->nobjs; i++) {
		const struct rw_obj *ob = &u->objs[i];
		if (!ob->label)
			continue;
		/* A second name for the local's label: an extern declaration
		   with the label itself would make clang rename the local.
		   Weak where the function's trap defines it (objs_in_traps). */
		int weak = objs_in_traps(o, u) || o->lto;	/* LTO: none */
		rw_buf_printf(b, "extern char tf__L%u[] __asm__(\"tf.L%s\") "
			      "__attribute__((%s__visibility__(\"hidden\")));\n",
			      k, ob->label + 4, weak ? "__weak__, " : "");
		if (!weak)
			rw_buf_printf(b, "__asm__(\".set tf.L%s, %s\");\n",
				      ob->label + 4, ob->label);
		else if (!o->lto) /* gcc says .weak but not .hidden for
				     it: a weak definition would be exported
				     (lua's -Wl,-E); under LTO that line
				     would land in another partition than the
				     reference, an undefined non-weak symbol */
			rw_buf_printf(b, "__asm__(\".hidden tf.L%s\");\n",
				      ob->label + 4);
		k++;
	}
	/* their addresses; their names go in the records (tail) */
	rw_buf_puts(b, "static void *const tf__O[] = { ");
	k = 0;
	for (unsigned i = 0; i < u->nobjs; i++) {
		const struct rw_obj *ob = &u->objs[i];
		rw_buf_puts(b, i ? ", " : "");
		if (ob->label)
			rw_buf_printf(b, "(void *)tf__L%u", k++);
		else
			rw_buf_printf(b, "(void *)&%s", ob->var);
	}
	rw_buf_puts(b, " };\n");
}

/* The sites' .fn entries in the file (TF__FNFILE in trap.h): one 8-byte
   entry per site in the non-allocated section TF_SECTION_FN, after the
   unit's key and site count; nothing when no site of the unit would use
   them. */
static void fn_table(struct rw_buf *b, const struct rw_opts *o,
		     const struct rw_unit *u, unsigned nsites,
		     const char *key)
{
	unsigned i = 0, any = 0;
	if (no_asm(u) || o->lto)
		return;
	for (unsigned k = 0; k < u->nfuncs; k++)
		if (!u->funcs[k].skip &&
		    (weak_fn(o, &u->funcs[k]) || rel_extern(u, &u->funcs[k])))
			any = 1;
	if (!any)
		return;
	rw_buf_printf(b, "#if defined(TF__FNFILE)\n__asm__(\"\\t.pushsection\\t"
		      TF_SECTION_FN ",\\\"\\\"\\n\\t.balign\\t8\\n\\t.ascii\\t"
		      "\\\"%s\\\"\\n\\t.quad\\t%u\\n\\t\"", key, nsites);
	for (unsigned k = 0; k < u->nfuncs; k++) {
		const struct rw_func *f = &u->funcs[k];
		if (f->skip)
			continue;
		if (weak_fn(o, f))
			rw_buf_printf(b, "\n TF__RW(\"tf__F_%s_%s\")", o->uid,
				      f->name);
		else if (rel_extern(u, f))
			rw_buf_printf(b, "\n TF__RX(\".Ltf_fn%u\", \"%s\")", i,
				      f->name);
		else
			rw_buf_puts(b, "\n \".quad\\t0\\n\\t\"");
		i++;
	}
	rw_buf_puts(b, "\n \".popsection\");\n#endif\n");
}

static void tail(struct rw_buf *b, const struct rw_opts *o,
		 const struct rw_unit *u, unsigned nsites)
{
	/* once, in the main file: a source that includes itself (#include
	   __FILE__, for X-macros) includes this copy, tail and all, and its
	   functions are not all defined where the inner copy ends */
	rw_buf_puts(b, "\n#if __INCLUDE_LEVEL__ == 0\n"
		    "#pragma GCC diagnostic push\n"
		    "#pragma GCC diagnostic ignored \"-Wcast-qual\"\n"
		    "#pragma GCC diagnostic ignored \"-Woverlength-strings\"\n"
		    "#pragma GCC diagnostic ignored \"-Wdeprecated-declarations\"\n");
	objects(b, o, u);
	for (unsigned k = 0; k < u->nfuncs; k++)
		if (!u->funcs[k].skip && weak_fn(o, &u->funcs[k]))
			rw_buf_printf(b, "extern void tf__F_%s_%s(void) __attribute__"
				      "((__weak__, __visibility__(\"hidden\")));\n",
				      o->uid, u->funcs[k].name);
	rw_buf_printf(b, "struct tf_site tf__S_%s[%u] = { ", o->uid,
		      nsites ? nsites : 1);
	if (!nsites)
		rw_buf_puts(b, "TF__SITE_INIT(0)");
	unsigned i = 0;
	for (unsigned k = 0; k < u->nfuncs; k++) {
		const struct rw_func *f = &u->funcs[k];
		if (f->skip)
			continue;
		rw_buf_puts(b, i ? ", TF__SITE_INIT(" : "TF__SITE_INIT(");
		if (f->flags & RW_INLINE_ONLY)
			rw_buf_puts(b, "0");
		else if (weak_fn(o, f))
			rw_buf_printf(b, "TF__FNW(%s, tf__F_%s_%s)", f->name,
				      o->uid, f->name);
		else if (rel_extern(u, f))
			rw_buf_printf(b, "TF__FNX(%s)", f->name);
		else
			rw_buf_printf(b, "(tf_fnptr)&%s", f->name);
		rw_buf_puts(b, ")");
		i++;
	}
	rw_buf_puts(b, " };\n");
	/* The records.  Normally only the unit record is loaded (tf_info);
	   it names by key (a hash of the site records) the full copy kept
	   in the file, in a section not loaded (tf_records), that the
	   runtime reads when a tool or the API first asks.  A file whose
	   name holds '"' or '\\' takes no asm (TF__NO_ASM): its unit
	   record has no key and the site records follow it in tf_info.
	   One array, so no pointer (and no relocation) per site, and
	   aligned(1), so gcc does not pad each record to 32 bytes. */
	struct rw_buf s = {0}, t = {0};
	for (unsigned k = 0; k < u->nfuncs; k++)
		if (!u->funcs[k].skip)
			record(&s, o, u, &u->funcs[k]);
	if (u->nobjs) {         /* the objects' names: one record more */
		rw_buf_puts(&s, TF_INFO_OBJECTS_MAGIC "\n");
		for (unsigned i = 0; i < u->nobjs; i++)
			rw_buf_printf(&s, "%s\n", u->objs[i].name);
		rw_buf_add(&s, "", 1);
	}
	char *ufile = rw_args_file_name(o, o->presumed);
	rw_buf_printf(&t, "tf.unit\n%u\n%s\n%s\n%u\n", TF_ABI_VERSION,
		      ufile, o->variant, nsites);
	free(ufile);
	char key[17] = "";
	if (!no_asm(u)) {
		snprintf(key, sizeof key, "%016llx", (unsigned long long)
			 rw_hash(RW_FNV_INIT, s.p, s.n));
		rw_buf_printf(&t, "%s\n", key);
		rw_buf_add(&t, "", 1);
		records_asm(b, t.p, t.n, s.p, s.n);
		s.n = 0;
	} else {
		rw_buf_add(&t, "", 1);
	}
	rw_buf_add(&t, s.p, s.n);
	rw_buf_puts(b, "static const char tf__I[] __attribute__((__section__"
		    "(\"" TF_SECTION_INFO "\"), __used__, __aligned__(1))) = ");
	/* t without its last NUL: the array's own ends the last record */
	for (size_t i = 0; i + 1 < t.n;) {
		size_t len = strlen(t.p + i);
		if (i)
			rw_buf_puts(b, " \"\\0\" ");
		rw_buf_puts(b, "\"");
		rw_buf_cesc(b, t.p + i, len);
		rw_buf_puts(b, "\"");
		i += len + 1;
	}
	free(s.p);
	free(t.p);
	rw_buf_puts(b, ";\n");
	fn_table(b, o, u, nsites, key);
	/* The shared routines (tf__check1 and, for a unit with a call in
	   asm, tf__pcall4 or tf__pcall2: hidden comdats) come from asm in a
	   function, whose asm also registers the unit (TF__REG_DEFINE: a
	   note that describes it, and one registrar per linked object):
	   where the cold blocks call a stub, the stub itself, a naked
	   static function (tf__P_<uid>, TF__PSTUB); else, with the shared
	   check (x86-64), a cold static one nothing calls, tf__host.
	   Elsewhere a constructor, which registers the unit's struct
	   tf_unit, and a destructor (trap.h). */
	int rc = has_regcall(u);
	char reg[256];
	snprintf(reg, sizeof reg, "TF__REG_DEFINE(tf__S_%s, %u, tf__I, %s, %u); ",
		 o->uid, nsites, u->nobjs ? "tf__O" : "tf__I", u->nobjs);
	/* (with no objects, any address stands for them: nobjs says 0) */
	if (rc)
		rw_buf_printf(b, "#if defined(TF__PSTUB)\n"
			      "static void tf__P_%s(void) { TF__PSTUB_BODY(tf__S_%s); "
			      "TF__CHECK_DEFINE; TF__PCALL_DEFINE; %s}\n#elif",
			      o->uid, o->uid, reg);
	else
		rw_buf_puts(b, "#if");
	rw_buf_printf(b, " defined(TF__SHARED)\n"
		      "static void tf__host(void) __attribute__((__used__, __cold__, TF__NOINSTR)); "
		      "static void tf__host(void) { TF__CHECK_DEFINE; %s%s}\n"
		      "#else\n"
		      "static struct tf_unit tf__U = { TF_ABI_VERSION, %u, tf__S_%s, "
		      "%u, %s, tf__I, 0, 0 };\n"
		      "static void tf__ctor(void) __attribute__((__constructor__, __cold__, TF__NOINSTR)); "
		      "static void tf__ctor(void) { TF__CHECK_DEFINE; %sif (tf__register) "
		      "tf__register(&tf__U); }\n"
		      "static void tf__dtor(void) __attribute__((__destructor__, __cold__, TF__NOINSTR)); "
		      "static void tf__dtor(void) { if (tf__unregister) "
		      "tf__unregister(&tf__U); }\n"
		      "#endif\n"
		      "#pragma GCC diagnostic pop\n"
		      "#endif\n",
		      rc ? "TF__PCALL_DEFINE; " : "", reg,
		      nsites, o->uid, u->nobjs, u->nobjs ? "tf__O" : "0",
		      rc ? "TF__PCALL_DEFINE; " : "");
}

static int by_offset(const void *a, const void *b)
{
	const struct rw_edit *x = a, *y = b;
	if (x->file != y->file)
		return x->file < y->file ? -1 : 1;
	return x->off < y->off ? -1 : x->off > y->off;
}

/* File fi with its edits applied (e: all edits, sorted). */
static void emit_file(struct rw_buf *b, const struct rw_opts *o,
		      const struct rw_unit *u, unsigned fi,
		      const struct rw_edit *e, unsigned ne)
{
	const struct rw_file *rf = &u->files[fi];
	size_t pos = rf->start;
	for (unsigned k = 0; k < ne; k++) {
		if (e[k].file != fi || e[k].off < pos || e[k].off + e[k].len > rf->len)
			continue;
		rw_buf_add(b, rf->src + pos, e[k].off - pos);
		pos = e[k].off + e[k].len;
		if (e[k].sub < 0) {
			rw_buf_puts(b, e[k].text);
			continue;
		}
		const struct rw_file *sf = &u->files[e[k].sub];
		/* the file gcc no longer opens, for its -MD list: an
		   empty file beside the output, which tfcc names back */
		char *m = rw_dep_marker(o->out, rw_dep_index(u, (unsigned)e[k].sub), 0);
		rw_buf_printf(b, "#include \"%s\"\n", m);
		free(m);
		rw_buf_puts(b, "#line 1 ");
		cstr(b, sf->presumed);
		rw_buf_puts(b, "\n");
		emit_file(b, o, u, (unsigned)e[k].sub, e, ne);
		if (b->n && b->p[b->n - 1] != '\n')
			rw_buf_puts(b, "\n");
		rw_buf_printf(b, "#line %u ", sf->dir_next);
		cstr(b, rf->presumed);
		rw_buf_puts(b, "\n");
	}
	rw_buf_add(b, rf->src + pos, rf->len - pos);
}

void rw_emit(const struct rw_opts *o, const struct rw_unit *u,
	     struct rw_buf *b)
{
	unsigned nsites = rw_emit_nsites(u);
	int plain = !nsites && !u->nobjs;
	if (!plain) {
		/* trap.h defines macros a unit need not use, and structs with
		   padding: quiet for users of -Wunused-macros or -Wpadded */
		rw_buf_puts(b, "#pragma GCC diagnostic push\n"
			    "#pragma GCC diagnostic ignored \"-Wunused-macros\"\n"
			    "#pragma GCC diagnostic ignored \"-Wpadded\"\n");
		if (no_asm(u))
			rw_buf_puts(b, "#define TF__NO_ASM 1\n");
		if (o->weak_statics)
			rw_buf_puts(b, "#define TF__WEAK_STATICS 1\n");
		if (o->lto)
			rw_buf_puts(b, "#define TF__LTO 1\n");
		if (nsites > 256)
			rw_buf_puts(b, "#define TF__WIDE 1\n");
		/* its lines named as the header they are, not the temporary
		   copy: a diagnostic inside a trap's macros notes "in
		   definition of macro" there */
		rw_buf_puts(b, "#line 1 \"tigerfix/trap.h\"\n");
		rw_buf_puts(b, rw_trap_h);
		if (b->n && b->p[b->n - 1] != '\n')
			rw_buf_puts(b, "\n");
		rw_buf_puts(b, "#pragma GCC diagnostic pop\n");
		rw_buf_printf(b, "extern struct tf_site tf__S_%s[%u] __attribute__"
			      "((__visibility__(\"hidden\")));\n", o->uid,
			      nsites ? nsites : 1);
		if (has_regcall(u))
			rw_buf_printf(b, "#if defined(TF__PSTUB)\nstatic void tf__P_%s"
				      "(void) __attribute__((__used__, __cold__, "
				      "__naked__, TF__NOINSTR));\n#endif\n", o->uid);
	}
	rw_buf_puts(b, "#line 1 ");
	cstr(b, o->presumed);
	rw_buf_puts(b, "\n");

	/* traps, labels and included files, in source order */
	unsigned ne = u->nedits + nsites + u->nfiles, k = 0, i = 0;
	struct rw_edit *e = rw_xmalloc(sizeof *e * (ne + 1));
	char **traps = rw_xmalloc(sizeof *traps * (nsites + 1));
	for (unsigned j = 0; j < u->nedits; j++)
		e[k++] = u->edits[j];
	for (unsigned j = 0; j < u->nfuncs; j++) {
		if (u->funcs[j].skip)
			continue;
		e[k].file = u->funcs[j].file;
		e[k].off = u->funcs[j].brace + 1;
		e[k].len = 0;
		e[k].sub = -1;
		e[k].text = traps[i] = trap(o, u, j, i);
		i++;
		k++;
	}
	for (unsigned j = 1; j < u->nfiles; j++) {
		e[k].file = 0;
		e[k].off = u->files[j].dir_off;
		e[k].len = u->files[j].dir_len;
		e[k].sub = (int)j;
		e[k].text = 0;
		k++;
	}
	ne = k;
	qsort(e, ne, sizeof *e, by_offset);
	emit_file(b, o, u, 0, e, ne);
	for (i = 0; i < nsites; i++)
		free(traps[i]);
	free(traps);
	free(e);
	if (!plain)
		tail(b, o, u, nsites);
}
