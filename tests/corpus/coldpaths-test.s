# coldpaths.awk fixtures: traps whose cold path reaches a stub call (f_ok;
# f_cross, through a jump into a block gcc shared between two inlined
# copies) and traps whose cold path returns without one (f_bad,
# f_cross_bad), which the check must report.
	.text
	.globl f_ok, f_bad, f_cross, f_cross_bad
f_ok:	testq %rsp, tf__S_x+32(%rip)
	jne 1f
	ret
1:	testb $0, %al
	call tf__P_x
	ret
f_cross:	testq %rsp, tf__S_x+32(%rip)
	je 2f
	xorl %edi, %edi
	jmp 3f
2:	ret
f_bad:	testq %rsp, tf__S_x+72(%rip)
	jne 4f
	ret
4:	xorl %eax, %eax
	ret
f_cross_bad:	testq %rsp, tf__S_x+72(%rip)
	je 5f
	xorl %edi, %edi
	jmp 6f
5:	ret
6:	xorl %eax, %eax
	ret
3:	testb $0, %al
	call tf__P_x
	ret
tf__P_x:	ret
	.data
tf__S_x:	.zero 80
