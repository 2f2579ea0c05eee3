# The two commands of callcalc (see README):
#   make serve   install what is missing, build, and serve the app at http://127.0.0.1:8080
#   make test    install what is missing (also chromium), and run every test
SHELL := /bin/bash
export PATH := $(HOME)/.cargo/bin:$(PATH)

.PHONY: serve test build offline bench setup

serve: setup
	trunk serve --release

test:
	scripts/test.sh

build: setup
	trunk build --release

# One self-contained file that works opened from disk (file://), made from dist/.
offline: build
	python3 scripts/offline.py dist dist-offline/callcalc.html

bench: setup
	scripts/bench.sh

setup:
	scripts/setup.sh
