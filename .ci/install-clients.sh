#!/usr/bin/env bash
# Installs the real S3 clients that test/e2e/clients/ drives: s3cmd, rclone, the AWS CLI and
# boto3 (curl is assumed). Idempotent: installs only what is missing. Never fails the build:
# when the package mirror is unreachable it warns, and the client tests skip themselves.
# PyPI is not used (often unreachable in CI); Debian's python3-boto3 / awscli are the fallback.
set -u

warn() { echo "install-clients: WARNING: $*" >&2; }
info() { echo "install-clients: $*"; }

SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then SUDO="sudo -n"; else
    warn "not root and no passwordless sudo: cannot apt-get install; client tests will skip what is missing"
  fi
fi

have_boto3() { python3 -c 'import boto3' >/dev/null 2>&1; }

missing=()
command -v s3cmd >/dev/null 2>&1 || missing+=(s3cmd)
command -v rclone >/dev/null 2>&1 || missing+=(rclone)
command -v aws >/dev/null 2>&1 || missing+=(awscli)
have_boto3 || missing+=(python3-boto3)
command -v curl >/dev/null 2>&1 || missing+=(curl)

if [ "${#missing[@]}" -eq 0 ]; then
  info "all clients present"
elif ! command -v apt-get >/dev/null 2>&1; then
  warn "apt-get not available; missing: ${missing[*]}"
elif [ "$(id -u)" -ne 0 ] && [ -z "$SUDO" ]; then
  warn "missing: ${missing[*]}"
else
  info "installing: ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  if ! $SUDO apt-get update -qq >/dev/null 2>&1; then
    warn "apt-get update failed (mirror unreachable?); trying the cached package lists"
  fi
  # One package at a time so one unavailable package does not block the others.
  for pkg in "${missing[@]}"; do
    if ! $SUDO apt-get install -y -qq --no-install-recommends "$pkg" >/dev/null 2>&1; then
      warn "could not install $pkg; its client tests will skip"
    fi
  done
fi

# Report what the tests will find.
for c in aws s3cmd rclone curl; do
  if command -v "$c" >/dev/null 2>&1; then info "found: $("$c" --version 2>&1 | head -n 1)"; else warn "not found: $c"; fi
done
if have_boto3; then info "found: boto3 $(python3 -c 'import boto3; print(boto3.__version__)' 2>/dev/null)"; else warn "not found: boto3"; fi
exit 0
