# shellcheck shell=bash
# Sourced by ./nocode. ./nocode test: the .NET test phases, the web tests and the summary line.

summarise_tests() { # results dir -> the summary line and each failure (scripts/nocode/test-summary.mjs)
  # A CI log often keeps only its end: the failures are named here, not only far above.
  node "$ROOT/scripts/nocode/test-summary.mjs" "$1" || echo "summary: could not read the test results in ${1#"$ROOT"/}"
}

run_dotnet_tests() { # filter results-dir extra-args... -> exit status of dotnet test
  local filter="$1" results="$2" status
  shift 2
  say "dotnet test --filter \"$filter\""
  set +e
  dotnet test "$SOLUTION" -c "$CONFIGURATION" --no-build --nologo --filter "$filter" \
    --results-directory "$results" --logger "trx;LogFilePrefix=nocode" \
    --logger "console;verbosity=normal" "$@" 2>&1 | tee -a "$results/dotnet-test.log"
  status=${PIPESTATUS[0]}
  set -e
  return "$status"
}

cmd_test() {
  local phases="regular" no_up=0 no_build=0 user_filter="" status=0 soak=0
  local -a passthrough=() rest=()
  while (($#)); do
    case "$1" in
      --faults) phases="faults" ;;
      --with-faults) phases="regular faults" ;;
      --soak)
        soak=1
        if [[ "${2:-}" =~ ^[0-9]+([.][0-9]+)?$ ]]; then export NOCODE_SOAK_MINUTES="$2"; shift; fi ;;
      --no-up) no_up=1 ;;
      --no-build) no_build=1 ;;
      --) shift; passthrough=("$@"); break ;;
      *) die "test: unknown option $1 (pass dotnet test arguments after --)" ;;
    esac
    shift
  done
  # --soak alone runs only the soak; after --faults or --with-faults it runs last.
  if ((soak == 1)); then
    if [[ "$phases" == "regular" ]]; then phases="soak"; else phases+=" soak"; fi
  fi
  # dotnet test takes one --filter: the caller's is combined with the category rule.
  local i=0
  while ((i < ${#passthrough[@]})); do
    if [[ "${passthrough[$i]}" == "--filter" ]]; then
      user_filter="${passthrough[$((i + 1))]:-}"
      i=$((i + 2))
      continue
    fi
    rest+=("${passthrough[$i]}")
    i=$((i + 1))
  done

  local -a up_args=(-d)
  ((no_build == 1)) && up_args+=(--no-build)
  if ((no_up == 0)); then cmd_up "${up_args[@]}"; else prepare 1; fi
  local line
  while IFS= read -r line; do export "${line?}"; done < <(test_env)

  local results="$STATE/test-results" phase filter
  rm -rf "$results"
  mkdir -p "$results"
  # The browser flow runs right after the regular .NET tests, before any fault test has restarted
  # infrastructure under it: each phase tests the system as a user would meet it.
  for phase in $phases; do
    if solution_has_projects; then
      # Fault tests stop NATS, Redis or workers, so they never run alongside the others.
      case "$phase" in
        faults) filter="Category=Faults" ;;
        soak) filter="Category=Soak" ;;
        *) filter="Category!=Faults&Category!=Soak" ;;
      esac
      [[ -n "$user_filter" ]] && filter="($user_filter)&($filter)"
      run_dotnet_tests "$filter" "$results" ${rest[@]+"${rest[@]}"} || status=1
      # A fault test that failed half-way may leave a piece stopped: bring everything back.
      [[ "$phase" != "regular" && $no_up == 0 ]] && { cmd_up -d --no-build > "$LOGS/up-after-$phase.log" 2>&1 || status=1; }
    elif [[ "$phase" == "regular" ]]; then
      warn "NocodeAI.sln has no projects yet; no .NET tests to run"
    fi
    if [[ "$phase" == "regular" ]]; then run_web_tests || status=1; fi
  done

  echo
  summarise_tests "$results"
  ((${#WEB_TESTS_FAILED[@]} == 0)) || echo "web: failed: ${WEB_TESTS_FAILED[*]} (its output is above)"
  if ((status != 0)); then say "${C_RED}tests FAILED${C_OFF}"; else say "${C_GREEN}tests passed${C_OFF}"; fi
  return "$status"
}

WEB_TESTS_FAILED=() # the web scripts that failed in this run, for the summary

run_web_tests() {
  project_exists web || return 0
  local script status=0
  for script in test test:e2e; do
    if (cd "$ROOT/web" && node -e "process.exit(require('./package.json').scripts?.['$script'] ? 0 : 1)"); then
      say "web: npm run $script"
      (cd "$ROOT/web" && npm run --silent "$script") || { status=1; WEB_TESTS_FAILED+=("npm run $script"); }
    fi
  done
  return "$status"
}
