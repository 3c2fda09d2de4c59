#!/usr/bin/env bash
# Times scripts/demo.sh as on a fresh Debian 12 machine (docs/performance.md, "First run"): a bare
# Debian 12 root (debootstrap --variant=minbase: apt and nothing else) with the sources list of
# an install, /proc, /sys and /dev mounted, a fresh clone of BRANCH from this repository, and
# `time scripts/demo.sh` as root in the chroot with an empty environment. Prints the wall and CPU
# times and the load average sampled every 10 s. Needs root and debootstrap (apt-get install
# debootstrap). Usage: bench/fresh_demo.sh WORK_DIR [BRANCH]   (WORK_DIR: a new folder)
set -euo pipefail
work=$1 branch=${2:-$(git -C "$(dirname "$0")" rev-parse --abbrev-ref HEAD)}
repo=$(cd "$(dirname "$0")/.." && pwd)
root=$work/root
[ -e "$root" ] && { echo "fresh_demo: $root exists; give a new folder" >&2; exit 1; }
mkdir -p "$work"
debootstrap --variant=minbase bookworm "$root" http://deb.debian.org/debian >"$work/debootstrap.log"
cp /etc/resolv.conf "$root/etc/resolv.conf"
cat >"$root/etc/apt/sources.list" <<S
deb http://deb.debian.org/debian bookworm main
deb http://deb.debian.org/debian bookworm-updates main
deb http://deb.debian.org/debian-security bookworm-security main
S
git clone -q -b "$branch" "$repo" "$root/root/anne"
mount -t proc proc "$root/proc"
mount --rbind /sys "$root/sys"
mount --rbind /dev "$root/dev"
(while true; do echo "$(date -u +%T) $(cut -d' ' -f1-3 /proc/loadavg)"; sleep 10; done) >"$work/load" &
sampler=$!
trap 'kill $sampler; umount -R "$root/dev" "$root/sys" "$root/proc" || umount -l "$root/dev" "$root/sys" "$root/proc"' EXIT
chroot "$root" /usr/bin/env -i HOME=/root PATH=/usr/sbin:/usr/bin:/sbin:/bin /bin/bash -c \
  'cd /root/anne && TIMEFORMAT="demo.sh: wall %R s, user %U s, sys %S s"
   time scripts/demo.sh >/root/demo.out 2>&1'
echo "load average (1, 5, 15 min) from $(head -1 "$work/load") to $(tail -1 "$work/load")"
