#!/usr/bin/env bash
# Idempotent set-up for MLNetExtensions, used by the README and by .ci/run.
#  1. TorchSharp 0.107's native library (libtorch 2.10) needs libstdc++ with GLIBCXX_3.4.32 (GCC 13+).
#     Debian 12 ships GCC 12's, so on such a machine we add Debian 13 ("trixie") as a pinned apt
#     source (priority 100: nothing else moves) and install its libstdc++6 (this upgrades libc6 too).
#     Ubuntu 24.04+, Debian 13+, Windows and macOS already have it and skip this step.
#  2. Fonts and fontconfig, so ScottPlot (SkiaSharp) can draw text in headless report plots.
#  3. dotnet restore of the whole solution (NuGet packages, TorchSharp-cpu with libtorch).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; elif command -v sudo >/dev/null; then sudo "$@"; else
  echo "setup: '$*' needs root (run this script as root or install sudo)" >&2; return 1; fi; }

libstdcxx=""
for f in /usr/lib/x86_64-linux-gnu/libstdc++.so.6 /usr/lib/aarch64-linux-gnu/libstdc++.so.6 /usr/lib64/libstdc++.so.6; do
  [ -e "$f" ] && { libstdcxx="$f"; break; }
done

# grep -c (not -q) reads all of its input: with pipefail, -q's early exit would fail the pipe with SIGPIPE.
has_glibcxx() { strings "$1" | grep -c GLIBCXX_3.4.32 >/dev/null; }

if [ -n "$libstdcxx" ] && ! has_glibcxx "$libstdcxx"; then
  # Only Debian 12 can lack it among Debian releases (13 ships GCC 14's libstdc++).
  if [ -r /etc/debian_version ] && command -v apt-get >/dev/null; then
    echo "setup: $libstdcxx lacks GLIBCXX_3.4.32; installing libstdc++6 from Debian 13 (pinned, priority 100)"
    as_root sh -c "printf 'Types: deb\nURIs: http://deb.debian.org/debian\nSuites: trixie\nComponents: main\nSigned-By: /usr/share/keyrings/debian-archive-keyring.gpg\n' > /etc/apt/sources.list.d/trixie.sources"
    as_root sh -c "printf 'Package: *\nPin: release n=trixie\nPin-Priority: 100\n' > /etc/apt/preferences.d/trixie-pin"
    as_root apt-get update
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -t trixie libstdc++6
    has_glibcxx "$libstdcxx" || { echo "setup: libstdc++ still lacks GLIBCXX_3.4.32 after the install" >&2; exit 1; }
  else
    echo "setup: warning: $libstdcxx lacks GLIBCXX_3.4.32 and this is not a Debian system; install libstdc++ from GCC 13+ yourself" >&2
  fi
else
  echo "setup: libstdc++ already provides GLIBCXX_3.4.32"
fi

if command -v apt-get >/dev/null && [ -r /etc/debian_version ]; then
  if ! dpkg -s libfontconfig1 fonts-dejavu-core >/dev/null 2>&1; then
    echo "setup: installing fontconfig and DejaVu fonts for headless plots"
    as_root apt-get update
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y libfontconfig1 fonts-dejavu-core
  fi
fi

command -v dotnet >/dev/null || { echo "setup: the .NET 10 SDK (dotnet) is required: https://dot.net" >&2; exit 1; }
if [ -f "$here/MLNetExtensions.sln" ]; then
  echo "setup: dotnet restore"
  dotnet restore "$here/MLNetExtensions.sln" --verbosity quiet
fi
echo "setup: done"
