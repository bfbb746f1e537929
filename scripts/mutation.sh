#!/usr/bin/env bash
# Mutation testing of the pure core (scoring, roadmap, reviews, progress) with mutmut: each
# mutant is one small change (an operator, a constant, a condition); a survivor is a change
# to what a person reads that no test noticed. Configuration: [tool.mutmut] in pyproject.toml.
# The equivalent mutants (changes no input can observe) are listed with a reason each in
# scripts/mutation-equivalent.txt; the score counts them out. Exit 1 below 90%.
set -euo pipefail
cd "$(dirname "$0")/.."
export HYPOTHESIS_PROFILE=mutation
rm -rf mutants
python -m pip install -q "mutmut>=3.8"
python -m mutmut run --max-children "${JOBS:-2}" >/dev/null 2>&1 || true
python -m mutmut export-cicd-stats >/dev/null
python -m mutmut results > mutants/results.txt
python scripts/mutation_score.py mutants/mutmut-cicd-stats.json scripts/mutation-equivalent.txt mutants/results.txt
