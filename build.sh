#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Set-up for a fresh Debian 12 machine, run as root (or with sudo available):
#   ./build.sh run    install what is missing, build, open the GUI on a bundled example
#   ./build.sh test   install what is missing, build, run every test (what CI runs)
set -euo pipefail
cd "$(dirname "$0")"

JOBS=${JOBS:-$(nproc)}
BUILD=${BUILD_DIR:-build}

# Debian 12 packages: the build, the GUI, the tests' tools (xvfb for real windows,
# poppler for PDF text, dpkg/desktop/appstream/MIME/man tools for the package test; clang and its
# libFuzzer runtime for the fuzzers; PostgreSQL,
# PgBouncer, Prometheus and PostgreSQL's exporter for the measurement integration test, which
# starts its own servers in a temporary folder and never the packages' services).
BUILD_PACKAGES=(cmake ninja-build g++ ccache pkg-config python3
    qt6-base-dev qt6-base-dev-tools qt6-svg-dev libqt6svg6 libqt6sql6-sqlite libgl-dev
    libqcustomplot-dev libeigen3-dev libsqlite3-dev libbenchmark-dev
    fonts-dejavu-core)
RUN_PACKAGES=(xvfb xauth)
TEST_PACKAGES=(xvfb xauth poppler-utils dpkg-dev file desktop-file-utils appstream
    shared-mime-info libglib2.0-bin groff-base clang libclang-rt-14-dev
    postgresql-15 postgresql-client-15 pgbouncer prometheus prometheus-postgres-exporter)
FUZZ_SECONDS=${FUZZ_SECONDS:-20}

install_missing() {
    local missing=()
    for p in "$@"; do
        dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
    done
    if [ ${#missing[@]} -gt 0 ]; then
        echo "== installing: ${missing[*]}"
        local sudo=""
        [ "$(id -u)" -eq 0 ] || sudo="sudo"
        $sudo apt-get update -qq
        DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
    fi
}

configure_and_build() {
    local dir=$1; shift
    cmake -S . -B "$dir" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo "$@"
    cmake --build "$dir" -j "$JOBS"
}

case "${1:-}" in
run)
    install_missing "${BUILD_PACKAGES[@]}" "${RUN_PACKAGES[@]}"
    configure_and_build "$BUILD"
    example=resources/examples/stage4-load-balancing.json
    if [ -n "${DISPLAY:-}" ] || [ -n "${WAYLAND_DISPLAY:-}" ]; then
        exec "$BUILD/app/headroom" "$example"
    else
        echo "== no display: starting the GUI under xvfb-run (screenshot in $BUILD/headroom.png)"
        exec xvfb-run -a "$BUILD/app/headroom" --screenshot "$BUILD/headroom.png" "$example"
    fi
    ;;
test)
    install_missing "${BUILD_PACKAGES[@]}" "${TEST_PACKAGES[@]}"
    configure_and_build "$BUILD"
    echo "== tests"
    (cd "$BUILD" && ctest --output-on-failure -j "$JOBS")
    echo "== engine, command line and their tests under AddressSanitizer and UndefinedBehaviorSanitizer"
    # -O1 -g1: half the compile time of -O2 -g under the sanitizers (measured on Advisor.cpp
    # and tst_advisor.cpp), with the line numbers a report needs.
    configure_and_build "$BUILD-asan" -DHEADROOM_SANITIZE=ON -DHEADROOM_BUILD_GUI=OFF -DHEADROOM_BUILD_BENCHMARKS=OFF \
        -DCMAKE_CXX_FLAGS_RELWITHDEBINFO="-O1 -g1 -DNDEBUG"
    (cd "$BUILD-asan" && ctest --output-on-failure -j "$JOBS" -L "engine|model|cli")
    echo "== fuzzing the readers with libFuzzer (clang, ASan, UBSan), ${FUZZ_SECONDS} s per target (docs/reliability.md)"
    cmake -S . -B "$BUILD-fuzz" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_CXX_COMPILER=clang++ \
        -DHEADROOM_FUZZ=ON -DHEADROOM_BUILD_GUI=OFF -DHEADROOM_BUILD_BENCHMARKS=OFF \
        -DHEADROOM_FUZZ_SECONDS="$FUZZ_SECONDS" -DCMAKE_CXX_FLAGS_RELWITHDEBINFO="-O1 -g1"
    cmake --build "$BUILD-fuzz" -j "$JOBS" --target fuzz_model_json fuzz_project fuzz_measure_readers
    (cd "$BUILD-fuzz" && ctest --output-on-failure -j "$JOBS" -L fuzz)
    echo "== all tests passed"
    ;;
*)
    echo "usage: $0 run|test" >&2
    exit 2
    ;;
esac
