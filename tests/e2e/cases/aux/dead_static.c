/* A library whose static function, with a static local, gcc never emits:
   it is called only under a debug level compiled out (zstd's
   GetCurrentClockTimeMicroseconds at DEBUGLEVEL < 6).  The library must
   link and load like plain gcc's. */
#define DEBUGLEVEL 2

static long clock_ticks(void)
{
	static long ticks_per_second;
	if (!ticks_per_second)
		ticks_per_second = 100;
	return ticks_per_second;
}

int lib_step(int x)
{
	if (DEBUGLEVEL >= 6)
		return (int)clock_ticks();
	return x + 1;
}
