#!/usr/bin/env bash
# vpico against rp2040js (Wokwi's RP2040 emulator, from npm) on the same benchmark images.
#
#   bench/compare_rp2040js.sh [--build-dir DIR] [--repeat N] [IMAGE ...]
#
# DIR is a configured and built vpico build directory (default: build, or $BUILD_DIR); it must
# hold bin/emulator_speed, bin/vpico and firmware/IMAGE.bin. IMAGEs default to bench_alu,
# bench_vm and vpy_smoke. rp2040js is installed, at the version pinned in bench/rp2040js/package-lock.json,
# into DIR/bench-rp2040js with `npm ci` (again only when the lock file changes); nothing is
# written into the source tree.
#
# For each image: rp2040js runs it N times (bench/rp2040js/run_image.mjs, median wall time);
# bench/emulator_speed gives vpico's median of N; `vpico run` runs the same .bin once more so
# that its result line can be checked against rp2040js's. Prints a table and the ratio
# rp2040js/vpico of wall seconds (above 1: vpico is faster). Asserts nothing about time; exits
# non-zero only when a run fails or the two emulators disagree on a result.
set -euo pipefail

src_dir=$(cd "$(dirname "$0")/.." && pwd)
build_dir=${BUILD_DIR:-build}
repeat=3
images=()
while [ $# -gt 0 ]; do
  case $1 in
    --build-dir) build_dir=$2; shift 2 ;;
    --repeat) repeat=$2; shift 2 ;;
    -h|--help) sed -n '2,16p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    -*) echo "compare_rp2040js: unknown option $1" >&2; exit 2 ;;
    *) images+=("$1"); shift ;;
  esac
done
[ ${#images[@]} -gt 0 ] || images=(bench_alu bench_vm vpy_smoke)
if ! [[ $repeat =~ ^[1-9][0-9]*$ ]]; then
  echo "compare_rp2040js: --repeat wants a positive number, not '$repeat'" >&2
  exit 2
fi
case $build_dir in /*) ;; *) build_dir=$src_dir/$build_dir ;; esac

for tool in "$build_dir/bin/emulator_speed" "$build_dir/bin/vpico"; do
  if [ ! -x "$tool" ]; then
    echo "compare_rp2040js: $tool is missing: build vpico first" >&2
    exit 1
  fi
done
if ! command -v node >/dev/null || ! command -v npm >/dev/null; then
  echo "compare_rp2040js: needs node and npm" >&2
  exit 1
fi

# --- rp2040js, installed from the lock file into the build directory -------------------------
# run_image.mjs is copied next to its node_modules: Node resolves `import 'rp2040js'` from the
# script's own folder, not from the working directory.
js_dir=$build_dir/bench-rp2040js
mkdir -p "$js_dir"
if ! cmp -s "$src_dir/bench/rp2040js/package-lock.json" "$js_dir/package-lock.json" ||
   [ ! -d "$js_dir/node_modules/rp2040js" ]; then
  cp "$src_dir/bench/rp2040js/package.json" "$src_dir/bench/rp2040js/package-lock.json" "$js_dir/"
  echo "installing rp2040js into $js_dir (npm ci)" >&2
  (cd "$js_dir" && npm ci --no-audit --no-fund --loglevel=error >&2)
fi
cp "$src_dir/bench/rp2040js/run_image.mjs" "$js_dir/"

# Prints fields of the JSON object on stdin, one a line; a string of several lines prints
# JSON-quoted, so that it stays on one.
# The "output" field of run_image.mjs's JSON, as the raw text it is.
json_output() {
  node -e '
    let text = "";
    process.stdin.on("data", (d) => (text += d));
    process.stdin.on("end", () => process.stdout.write(JSON.parse(text).output));'
}

json_fields() {
  node -e '
    let text = "";
    process.stdin.on("data", (d) => (text += d));
    process.stdin.on("end", () => {
      const o = JSON.parse(text);
      for (const k of process.argv.slice(1))
        console.log(/\n/.test(o[k]) ? JSON.stringify(o[k]) : o[k]);
    });' "$@"
}

median() { sort -g | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }

# The "result 0x........" line of an image's output; for images that print their checks
# instead (vpy_smoke), a digest of everything up to the DONE line.
result_line() {
  local text r
  text=$(cat)
  r=$(grep -o 'result 0x[0-9a-f]*' <<<"$text" | head -1 || true)
  if [ -n "$r" ]; then
    echo "$r"
  else
    echo "output $(sed '/^DONE/q' <<<"$text" | md5sum | cut -c1-12)"
  fi
}

declare -A js_seconds js_cycles js_result vp_result
for image in "${images[@]}"; do
  bin=$build_dir/firmware/$image.bin
  [ -f "$bin" ] || { echo "compare_rp2040js: $bin is missing" >&2; exit 1; }
  times=()
  for ((i = 0; i < repeat; i++)); do
    echo "rp2040js: $image, run $((i + 1)) of $repeat" >&2
    json=$(node "$js_dir/run_image.mjs" "$bin") || {
      echo "compare_rp2040js: rp2040js did not finish $image:" >&2
      echo "$json" >&2
      exit 1
    }
    mapfile -t f < <(json_fields wall_seconds cycles output version <<<"$json")
    times+=("${f[0]}")
    js_cycles[$image]=${f[1]}
    js_result[$image]=$(json_output <<<"$json" | result_line)
    js_version=${f[3]}
  done
  js_seconds[$image]=$(printf '%s\n' "${times[@]}" | median)

  vp_out=$("$build_dir/bin/vpico" run "$bin" --until-serial DONE --speed max -q 2>/dev/null) || {
    echo "compare_rp2040js: vpico run did not finish $image" >&2
    exit 1
  }
  vp_result[$image]=$(result_line <<<"$vp_out")
done

# --- vpico: bench/emulator_speed ------------------------------------------------------------
# It runs bench_alu and bench_vm (and raw Unicorn, and its store-cost loops) in one go and
# prints a table; the rows we need are "image cycles seconds ...".
echo "vpico: emulator_speed --repeat $repeat" >&2
speed=$("$build_dir/bin/emulator_speed" --firmware-dir "$build_dir/firmware" --repeat "$repeat")

status=0
echo
echo "rp2040js $js_version (node $(node --version)) against vpico, wall seconds," \
  "median of $repeat runs, $(date -u +%Y-%m-%d)"
echo
printf '%-10s %13s %13s %12s %10s %15s  %s\n' image "vpico cycles" "rp2040js cyc" "rp2040js s" \
  "vpico s" "rp2040js/vpico" result
for image in "${images[@]}"; do
  read -r vp_cycles vp_seconds < <(awk -v n="$image" '$1 == n { print $2, $3 }' <<<"$speed") || true
  if [ -z "${vp_seconds:-}" ]; then
    printf '%-10s (not in emulator_speed'"'"'s table)\n' "$image"
    status=1
    continue
  fi
  if [ "${js_result[$image]}" = "${vp_result[$image]}" ] && [ "${js_result[$image]}" != none ]; then
    verdict="same: ${js_result[$image]}"
  else
    verdict="DIFFERENT: rp2040js '${js_result[$image]}', vpico '${vp_result[$image]}'"
    status=1
  fi
  ratio=$(awk -v a="${js_seconds[$image]}" -v b="$vp_seconds" 'BEGIN { printf "%.2f", a / b }')
  printf '%-10s %13s %13s %12.3f %10.3f %15s  %s\n' "$image" "$vp_cycles" "${js_cycles[$image]}" \
    "${js_seconds[$image]}" "$vp_seconds" "$ratio" "$verdict"
  unset vp_cycles vp_seconds
done
echo
echo "(wall seconds of the emulation alone, start-up excluded on both sides; vpico models both"
echo " cores, UART timing and per-block cycle counting, rp2040js one core; cycle counts are each"
echo " emulator's own estimate of clk_sys cycles to DONE.)"
exit $status
