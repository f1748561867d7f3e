# Check counting shared by the tfcc test scripts (tfcc-test.sh,
# gnuc-cache-test.sh): ok, bad and check add to $checks and $fails; each
# failure prints one "FAIL:" line.
fails=0 checks=0

ok() { checks=$((checks + 1)); }
bad() { checks=$((checks + 1)); fails=$((fails + 1)); echo "FAIL: $*"; }
check() { # check LABEL COMMAND...: passes when COMMAND succeeds
	local label=$1; shift
	if "$@" >/dev/null 2>&1; then ok; else bad "$label"; fi
}
