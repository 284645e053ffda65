#!/usr/bin/env bash
# Set up what is missing, build the app, and serve it on http://127.0.0.1:8080
# ("Try it with sample data" is on the page).
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

setup_build_tools
step "Serving Referral Radar on http://127.0.0.1:8080 (Ctrl-C to stop)"
exec trunk serve --release --offline --address 127.0.0.1 --port 8080 --no-autoreload
