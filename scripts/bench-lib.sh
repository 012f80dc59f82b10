# Helpers shared by the build-time scripts (bench-large-crate.sh,
# bench-derive-cost.sh, derive-build-time.sh); `source` it.

# The machine and its load, printed before a measurement.
print_machine() {
  echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ //')"
  echo "load before: $(cut -d' ' -f1-3 /proc/loadavg)"
}

# Runs a command (its output goes to stderr) and prints how many seconds it
# took.
seconds() {
  local start end
  start=$(date +%s.%N)
  "$@" >&2
  end=$(date +%s.%N)
  echo "$end - $start" | bc
}

# The median of the numbers on stdin, separated by spaces or newlines.
median() { tr ' ' '\n' | grep . | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
