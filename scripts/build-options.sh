# Sourced by scripts/test.sh and scripts/demo.sh: the cmake options of build/,
# one list for both, so that neither reconfigures (and rebuilds) the other's.
# shellcheck disable=SC2034 # used by the scripts that source it
SADUAK_BUILD_OPTIONS=(-DCMAKE_BUILD_TYPE=Debug)
