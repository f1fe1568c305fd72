#!/usr/bin/env bash
# Runs a command inside a private D-Bus session with an unlocked GNOME Keyring
# (Secret Service) and no display, so keychain tests never touch the user's real
# keyring and never hang on an unlock prompt (TOOLCHAIN.md, "OS keychain tests").
#
#   tests/run-with-keyring.sh npx vitest run tests/integration/keychain-vault.test.ts
#   tests/run-with-keyring.sh npm test
#
# Needs: dbus-run-session (package dbus) and gnome-keyring-daemon (gnome-keyring).
# Exits 127 with a sentence when either is missing. FERRY_KEYRING_AVAILABLE=1 is
# exported inside, so tests can tell a prepared keyring from an accidental one.
set -euo pipefail

if [ "$#" -eq 0 ]; then
  echo "usage: $0 <command> [args...]" >&2
  exit 2
fi
for tool in dbus-run-session gnome-keyring-daemon; do
  if ! command -v "$tool" >/dev/null 2>&1; then
    echo "run-with-keyring: '$tool' is not installed (apt-get install -y gnome-keyring dbus)." >&2
    exit 127
  fi
done

scratch="$(mktemp -d "${TMPDIR:-/tmp}/ferry-keyring.XXXXXX")"
trap 'rm -rf "$scratch"' EXIT
mkdir -p "$scratch/data" "$scratch/runtime"
chmod 700 "$scratch/runtime"

# The inner script reads the command from "$@" so arguments keep their quoting.
env -u DISPLAY -u WAYLAND_DISPLAY \
  XDG_DATA_HOME="$scratch/data" XDG_RUNTIME_DIR="$scratch/runtime" \
  dbus-run-session -- bash -c '
    set -e
    # Foreground daemon in the background, so this script owns its pid and stops it:
    # a daemonized one can outlive the session bus. The password is a throwaway: this
    # keyring lives in a temp dir and dies with the session.
    gnome-keyring-daemon --foreground --unlock --components=secrets < <(echo -n ferry-test) >/dev/null 2>&1 &
    keyring_pid=$!
    trap "kill \$keyring_pid 2>/dev/null || true" EXIT
    for _ in $(seq 1 100); do
      if dbus-send --session --print-reply --dest=org.freedesktop.DBus /org/freedesktop/DBus \
           org.freedesktop.DBus.NameHasOwner string:org.freedesktop.secrets 2>/dev/null | grep -q "boolean true"; then
        break
      fi
      sleep 0.05
    done
    export FERRY_KEYRING_AVAILABLE=1
    "$@"
  ' ferry-keyring "$@"
