#!/usr/bin/env bash
# KafkaWorkers build entry point.
#   ./build.sh            restore and build everything
#   ./build.sh test       build and run every test project, then the integration tests again with the batch fetch
#                         on; ends with "N passed, N failed, N skipped"
#   ./build.sh bench      build and run the benchmarks (docs/benchmarks.md); arguments go to the benchmark app
#   ./build.sh soak       build and run the reliability soak (docs/reliability.md); arguments go to the harness
#   ./build.sh pack       the NuGet packages (KafkaWorkers, .Testing, .AspNetCore, .Templates) into artifacts/packages
#   ./build.sh demo       the local autoscaling playground (samples/Playground); options after "demo" go to it,
#                         e.g. ./build.sh demo --burst 5000 --handler-ms 20 --polling 10 --cooldown 30
# Works on a clean machine: everything, librdkafka's native builds included, is restored from NuGet
# (Confluent.Kafka and librdkafka.redist); nothing is compiled but the C# of this repository.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"

command="${1:-build}"
shift || true
configuration="${CONFIGURATION:-Release}"

build() {
  echo "[build] restoring and building Sdk.sln ($configuration)"
  dotnet build Sdk.sln -c "$configuration" -nologo "$@"
}

run_tests() {
  local results="artifacts/test-results"
  rm -rf "$results"
  echo "[test] building Sdk.sln ($configuration)"
  local build_rc=0
  dotnet build Sdk.sln -c "$configuration" -nologo -v quiet "$@" || build_rc=$?
  local test_rc=0
  if [ "$build_rc" -eq 0 ]; then
    # One test project at a time: the generator and template tests run `dotnet build` themselves, which must not
    # starve the timing-sensitive integration tests of the machine's cores.
    echo "[test] running every test project"
    dotnet test Sdk.sln -c "$configuration" --no-build -nologo -m:1 \
      --results-directory "$results" --logger "trx" --logger "console;verbosity=normal" \
      --blame-hang-timeout 10m "$@" || test_rc=$?
    # KafkaWorkerOptions.ExperimentalBatchFetch is kept only while every integration test passes through it
    # (docs/benchmarks.md, "The batch fast path"): the integration tests run a second time with it forced on.
    echo "[test] the integration tests again, every worker with ExperimentalBatchFetch on"
    KAFKAWORKERS_TEST_BATCH_FETCH=1 dotnet test tests/KafkaWorkers.IntegrationTests/KafkaWorkers.IntegrationTests.csproj \
      -c "$configuration" --no-build -nologo --results-directory "$results/batch-fetch" --logger "trx" \
      --logger "console;verbosity=normal" --blame-hang-timeout 10m "$@" || test_rc=$?
  else
    echo "[test] the build failed; no test ran"
  fi
  local summary_rc=0
  python3 eng/summarize-tests.py "$results" "$build_rc" || summary_rc=$?
  if [ "$build_rc" -ne 0 ] || [ "$test_rc" -ne 0 ] || [ "$summary_rc" -ne 0 ]; then
    exit 1
  fi
}

run_app() {
  local project="$1"
  shift
  echo "[$command] building $project ($configuration)"
  dotnet build "tests/$project/$project.csproj" -c "$configuration" -nologo -v quiet
  dotnet "tests/$project/bin/$configuration/net10.0/$project.dll" "$@"
}

pack() {
  local out="artifacts/packages"
  rm -rf "$out"
  for project in src/KafkaWorkers src/KafkaWorkers.Testing src/KafkaWorkers.AspNetCore samples/Templates; do
    echo "[pack] $project"
    dotnet pack "$project" -c "$configuration" -nologo -v quiet -o "$out" "$@"
  done
  ls -1 "$out"
}

demo() {
  echo "[demo] building samples/Playground and samples/Orders.Worker ($configuration)"
  dotnet build samples/Playground/Playground.csproj -c "$configuration" -nologo -v quiet
  exec dotnet "samples/Playground/bin/$configuration/net10.0/Playground.dll" "$@"
}

case "$command" in
  build) build "$@" ;;
  test) run_tests "$@" ;;
  bench) run_app KafkaWorkers.Benchmarks --out docs "$@" ;;
  soak) run_app KafkaWorkers.Soak "$@" ;;
  pack) pack "$@" ;;
  demo) demo "$@" ;;
  *)
    echo "usage: ./build.sh [build|test|bench|soak|pack|demo] [extra dotnet arguments]" >&2
    exit 2
    ;;
esac
