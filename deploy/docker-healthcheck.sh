#!/usr/bin/env bash
# Container health check: GET /healthz on the local port, using bash's /dev/tcp so the image needs no curl.
set -euo pipefail
port="${RELAYPOOL_SERVER_PORT:-8080}"
path="${1:-/healthz}"
exec 3<>"/dev/tcp/127.0.0.1/$port"
printf 'GET %s HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n' "$path" >&3
read -r -t 5 _ status _ <&3
[[ "$status" == 200 ]]
