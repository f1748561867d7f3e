/*
** Cases for cc_test: each definition has, on the line just above it, the
** layout rw_cc_x86_64 must give (none: no layout).  Parsed as gnu89 for
** x86-64.  Every layout was checked against clang -O0 -S -emit-llvm (how
** clang lowers each value: iN, double, <2 x float>, { double, i32 },
** byval, sret, x86_fp80) and the ones gcc might see otherwise (packed,
** bit-fields, complex, unions, K&R) against gcc -S; "none" marks where the
** text cannot say it or gcc and clang disagree.
*/

enum color { RED, GREEN, BLUE };
enum __attribute__((packed)) small { ONE, TWO };
struct f2 { float a, b; };
struct f3 { float a, b, c; };
struct i_f { int a; float b; };
struct di { double d; int i; };
struct ld { long a; double b; };
struct c3 { char c[3]; };
union dl { double d; long l; };
struct dd { double a, b; };
struct big { long a, b, c; };
typedef struct f2 F2;

/* ---- scalars */

/* cc: i4.4;i4.4,i4.4 */
int add(int a, int b) { return a + b; }

/* cc: v; */
void nothing(void) {}

/* cc: i1.1;i1.1,i1.1,i2.2 */
char narrow(char c, _Bool b, short s) { return c + b + s; }

/* cc: i1.1;i8.8,i8.8,i8.8,i4.4 */
_Bool wide(void *p, long l, unsigned long long u, unsigned x) { return !p; }

/* cc: i4.4;i4.4,i1.1 */
enum color enums(enum color c, enum small s) { return c; }

/* cc: s4.4;s4.4,s8.8 */
float floats(float f, double d) { return f; }

/* cc: ii16.16;ii16.16,ii16.16,i4.4 */
__int128 i128(__int128 a, unsigned __int128 b, int c) { return a; }

/* cc: s8.4;s8.4,ss16.8 */
_Complex float cfloat(_Complex float z, _Complex double w) { return z; }

/* cc: ss16.8;ss16.8 */
_Complex double cdouble(_Complex double z) { return z; }

/* cc: i8.4;i8.4,i2.1,ii16.8 */
_Complex int cint(_Complex int z, _Complex char c, _Complex long l) { return z; }

/* cc: xx32.16; */
_Complex long double cldouble(void) { return 0; }

/* cc: i4.4;m32.16 */
int cldarg(_Complex long double z) { return 0; }

/* cc: x16.16;m16.16 */
long double ldouble(long double x) { return x; }

/* cc: s8.8;m16.16,s8.8,i4.4 */
double ldarg(long double x, double d, int i) { return d; }

/* cc: none */
__float128 f128(void) { return 0; }

/* cc: none */
int f128arg(int a, __float128 q) { return a; }

#ifdef __FLT16_MAX__
/* cc: s2.2;s2.2,s4.2 */
_Float16 half(_Float16 h, _Complex _Float16 z) { return h; }
#endif

/* cc: i8.8;i8.8 */
const char *cptr(const struct big *p) { return 0; }

/* ---- function and array parameters (adjusted to pointers) */

/* cc: i4.4;i8.8,i4.4 */
int apply(int (*f)(int), int x) { return f(x); }

/* cc: i4.4;i8.8,i4.4 */
int apply_fn(int f(int), int x) { return f(x); }

/* cc: i4.4;i8.8,i8.8,i4.4 */
int arrays(int a[10], int m[][4], int n) { return a[0] + m[0][0] + n; }

/* cc: i4.4;i4.4,i8.8 */
int vla(int n, double a[n]) { return n; }

/* ---- structs and unions in registers */

/* cc: s8.4;s8.4 */
struct f2 two_floats(struct f2 s) { return s; }

/* cc: ss12.4;ss12.4 */
struct f3 three_floats(struct f3 s) { return s; }

/* cc: i8.4;i8.4 */
struct i_f int_float(struct i_f s) { return s; }

/* cc: si16.8;si16.8 */
struct di double_int(struct di s) { return s; }

/* cc: is16.8;is16.8 */
struct ld long_double_pair(struct ld s) { return s; }

/* cc: i3.1;i3.1 */
struct c3 chars(struct c3 s) { return s; }

/* cc: i8.8;i8.8 */
union dl union_dl(union dl u) { return u; }

/* cc: ss16.8;ss16.8,s8.4 */
struct dd doubles(struct dd s, F2 t) { return s; }

struct fif { float a; int b; float c; };
/* cc: is12.4;is12.4 */
struct fif fif(struct fif s) { return s; }

struct fc { float f; char c; };
/* cc: i8.4;i8.4 */
struct fc float_char(struct fc s) { return s; }

struct pf { void *p; float f; };
/* cc: is16.8;is16.8 */
struct pf ptr_float(struct pf s) { return s; }

struct iii { int a, b, c; };
/* cc: ii12.4;ii12.4 */
struct iii three_ints(struct iii s) { return s; }

struct sd { double d; };
struct sf { float f; };
/* cc: s8.8;s4.4 */
struct sd one_member(struct sf s) { struct sd r = {0}; return r; }

struct eb { enum color c; _Bool b; };
/* cc: i8.4;i8.4 */
struct eb enum_bool(struct eb s) { return s; }

union fi { float f; int i; };
union fs { float f[2]; struct { float a; int b; } s; };
union fd { float f[4]; double d[2]; };
union fp { float f; void *p; };
/* cc: i4.4;i8.4,ss16.8,i8.8 */
union fi unions(union fs a, union fd b, union fp c) { return a.s.b ? (union fi){0} : (union fi){1}; }

/* ---- nested structs, arrays, anonymous members */

struct nest { struct f2 p; struct { double x; } q; };
/* cc: ss16.8;ss16.8 */
struct nest nest(struct nest s) { return s; }

struct nest2 { struct { char c; float f; } a; int i; };
/* cc: ii12.4;ii12.4 */
struct nest2 nest2(struct nest2 s) { return s; }

struct arr { float v[3]; int i; };
struct arr2 { double m[2][1]; };
struct arr3 { short s[5]; float f; };
struct arr4 { struct { short a; char b; } x[3]; };
/* cc: si16.4;ss16.8,ii16.4,ii12.2 */
struct arr arrays_in(struct arr2 a, struct arr3 b, struct arr4 c) { struct arr r = {{0}}; return r; }

struct anon { union { float f; int i; }; float g; };
struct anon2 { struct { float a, b; }; double d; };
/* cc: i8.4;i8.4,ss16.8 */
struct anon anonymous(struct anon a, struct anon2 b) { return a; }

struct cz { char c; _Complex float z; };
struct fz { float a; _Complex float z; };
/* cc: is12.4;is12.4,ss12.4 */
struct cz complex_in(struct cz a, struct fz b) { return a; }

struct s128 { __int128 x; };
struct s128b { long a; __int128 x; };
/* cc: ii16.16;ii16.16,m32.16 */
struct s128 int128_in(struct s128 a, struct s128b b) { return a; }

struct zl { double d; int z[0]; };
struct em { struct {} e; double d; };
/* cc: s8.8;s8.8,s8.8 */
double zero_size_members(struct zl a, struct em b) { return a.d; }

/* ---- bit-fields: INTEGER wherever they lie */

struct bf { unsigned a:3, b:5; float f; };
struct bf2 { float f, g; long x:40; };
struct __attribute__((packed)) bfp { long a:60; long b:10; };
/* cc: i8.4;i8.4,si16.8,ii9.1 */
struct bf bitfields(struct bf a, struct bf2 b, struct bfp c) { return a; }

struct bfu { float f; int :8; };
/* cc: none */
int unnamed_bitfield(struct bfu s) { return 0; }

struct bfz { float f; int :0; float g; };
/* cc: none */
int zero_width_bitfield(struct bfz s) { return 0; }

struct bfzbig { long a, b; int :0; long c; };
/* cc: i4.4;m24.8 */
int zero_width_in_memory(struct bfzbig s) { return 0; }

/* ---- class MEMORY: over 16 bytes, unaligned members, long double */

/* cc: m24.8;i4.4 */
struct big make_big(int n) { struct big r = {0}; return r; }

/* cc: m24.8;m24.8,i8.8 */
struct big pass_big(struct big s, long n) { return s; }

struct c17 { char c[17]; };
union bu { char c[20]; int i; };
struct d3 { double d[3]; };
/* cc: m17.1;m20.4,m24.8 */
struct c17 big_arrays(union bu u, struct d3 d) { struct c17 r = {{0}}; return r; }

struct __attribute__((packed)) pk { char c; int i; };
struct __attribute__((packed)) pk2 { int a, b; };
struct pm { char c; int i __attribute__((packed)); };
/* cc: m5.1;m5.1,i8.1,m5.1 */
struct pk packed(struct pk a, struct pk2 b, struct pm c) { return a; }

#pragma pack(2)
struct pp { char c; int i; };
#pragma pack()
/* cc: m6.2;m6.2 */
struct pp pragma_pack(struct pp s) { return s; }

struct __attribute__((packed)) pkd { char c; double d; };
/* cc: m9.1;m9.1 */
struct pkd packed_double(struct pkd s) { return s; }

/* a member aligned for its typedef, not for int: clang INTEGER, gcc MEMORY */
typedef int int2 __attribute__((aligned(2)));
struct ta { short s; int2 x; };
/* cc: none */
int typedef_align(struct ta s) { return 0; }

struct sld { long double x; };
union uld { long double x; int i; };
struct ld2 { long double a, b; };
/* cc: i4.4;m16.16,m16.16,m32.16 */
int long_double_in(struct sld a, union uld b, struct ld2 c) { return 0; }

/* cc: none */
struct sld return_sld(void) { struct sld r = {0}; return r; }

/* cc: none */
union uld return_uld(void) { union uld r = {0}; return r; }

/* cc: m32.16; */
struct ld2 return_ld2(void) { struct ld2 r = {0}; return r; }

/* ---- K&R definitions: parameters default-promoted */

/* cc: i4.4;i4.4,i4.4,s8.8,s8.8,i4.4,i4.4,i4.4 */
int knr_promoted(c, s, f, d, b, uc, us)
	char c; short s; float f; double d; _Bool b; unsigned char uc;
	unsigned short us;
{ return c; }

/* cc: i4.4;i8.8,i8.8,i4.4,i8.8 */
int knr_adjusted(a, fp, e, l)
	int a[5]; int fp(); enum small e; long l;
{ return 0; }

/* cc: s4.4;si16.8,m16.16,s8.8,i8.8 */
float knr_kept(s, x, f, p)
	struct di s; long double x; float f; char *p;
{ return f; }

/* cc: i4.4; */
int knr_none() { return 0; }

int knr_proto(int a, double x);
/* cc: i4.4;i4.4,s8.8 */
int knr_proto(a, x)
	short a; float x;
{ return a; }

#ifdef __clang__
/* clang takes the prototype's char (a warning); gcc rejects it */
int knr_unlike(char c);
/* cc: none */
int knr_unlike(c)
	char c;
{ return c; }
#endif

/* ---- variadic: the fixed parameters */

/* cc: i4.4;i8.8 */
int vprint(const char *fmt, ...) { return 0; }

/* cc: s8.8;s8.8,si16.8 */
double vmixed(double a, struct di s, ...) { return a; }

/* ---- no layout */

typedef float v4sf __attribute__((vector_size(16)));
typedef int v2si __attribute__((vector_size(8)));
struct vin { v2si v; };
struct vbig { long a[4]; v4sf v; };
/* cc: none */
v4sf vector_ret(void) { v4sf r = {0}; return r; }

/* cc: none */
int vector_arg(v2si v) { return 0; }

/* cc: none */
int vector_member(struct vin s) { return 0; }

/* cc: none */
int vector_in_memory(struct vbig s) { return 0; }

#ifdef __clang__
typedef float f2ext __attribute__((ext_vector_type(2)));
/* cc: none */
int ext_vector(f2ext v) { return 0; }
#endif

struct empty {};
struct z0 { int a[0]; };
/* cc: none */
struct empty empty_ret(void) { struct empty r; return r; }

/* cc: none */
int empty_arg(int a, struct z0 z) { return a; }

struct __attribute__((aligned(32))) a32 { int x; };
typedef int int32a __attribute__((aligned(32)));
/* cc: none */
int align32(struct a32 s) { return 0; }

/* cc: none */
int align32_typedef(int32a x) { return x; }

struct __attribute__((aligned(16))) a16 { long x, y; };
struct __attribute__((aligned(16))) a16pad { long x; };
/* cc: ii16.16;ii16.16 */
struct a16 align16(struct a16 s) { return s; }

/* both compilers use one register; the text has no letter for padding */
/* cc: none */
int align16_padding(struct a16pad s) { return 0; }

typedef union { int *a; long *b; } tu __attribute__((transparent_union));
union __attribute__((__transparent_union__)) tu2 { int *a; long *b; };
/* cc: none */
int transparent(tu u) { return 0; }

/* cc: none */
int transparent2(int a, union tu2 u) { return a; }

union plain { int *a; long *b; };
/* cc: i8.8;i8.8 */
union plain not_transparent(union plain u) { return u; }

struct flex { double d; float f[]; };
struct flexbig { long a, b, c; int d[]; };
/* cc: none */
int flexible(struct flex s) { return 0; }

/* cc: i4.4;m24.8 */
int flexible_in_memory(struct flexbig s) { return 0; }

struct atom { _Atomic int a; float f; };
/* cc: none */
int atomic_member(struct atom s) { return 0; }

/* cc: i4.4;i4.4,i4.4,i4.4,i4.4,i4.4,i4.4,i4.4,i4.4,i4.4,i4.4,i4.4,i4.4,i4.4,i4.4,i4.4,i4.4,i4.4,i4.4,i4.4,i4.4,i4.4,i4.4,i4.4,i4.4,i4.4,i4.4,i4.4,i4.4,i4.4,i4.4,i4.4,i4.4 */
int params32(int a1, int a2, int a3, int a4, int a5, int a6, int a7, int a8,
	     int a9, int a10, int a11, int a12, int a13, int a14, int a15,
	     int a16, int a17, int a18, int a19, int a20, int a21, int a22,
	     int a23, int a24, int a25, int a26, int a27, int a28, int a29,
	     int a30, int a31, int a32) { return a1; }

/* cc: none */
int params33(int a1, int a2, int a3, int a4, int a5, int a6, int a7, int a8,
	     int a9, int a10, int a11, int a12, int a13, int a14, int a15,
	     int a16, int a17, int a18, int a19, int a20, int a21, int a22,
	     int a23, int a24, int a25, int a26, int a27, int a28, int a29,
	     int a30, int a31, int a32, int a33) { return a1; }
