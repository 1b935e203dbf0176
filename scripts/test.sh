#!/usr/bin/env bash
# Everything the tests need, from a fresh machine, then the whole test suite.
# Installs (once): Debian's chromium (browser tests), espeak-ng and sox (audio tests), Apertium with the
# English-Spanish, Spanish-Portuguese and French-Spanish pairs (offline caption engine), FreeDict dictionaries
# (buyers' words in their languages for catalog search), CJK fonts (Chinese in screenshots), redis-server (scale-out tests), npm packages.
set -euo pipefail
cd "$(dirname "$0")/.."

need_apt=()
command -v chromium >/dev/null 2>&1 || need_apt+=(chromium)
for pkg in redis-server fonts-noto-core fonts-noto-cjk espeak-ng sox apertium apertium-eng-spa apertium-es-pt apertium-fr-es \
    dict-freedict-spa-eng dict-freedict-por-eng dict-freedict-fra-eng dict-freedict-deu-eng dict-freedict-ara-eng dict-freedict-eng-rus; do
  dpkg -s "$pkg" >/dev/null 2>&1 || need_apt+=("$pkg")
done
if [ ${#need_apt[@]} -gt 0 ]; then
  if [ "$(id -u)" = "0" ]; then
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${need_apt[@]}" >/dev/null
  else
    echo "Tests need: ${need_apt[*]} (run as root, or: sudo apt-get install ${need_apt[*]})" >&2
    exit 1
  fi
fi

# Node clients the tests drive (botframework-directlinejs, the Microsoft 365 Agents Playground for Teams); the host's own npm packages install during its build.
if [ ! -d tests/node/node_modules/@microsoft/m365agentsplayground ] || [ ! -d tests/node/node_modules/botframework-directlinejs ]; then
  (cd tests/node && npm ci --ignore-scripts --no-audit --no-fund --loglevel=error)
fi

dotnet build Bot.sln -c Release -nologo -clp:ErrorsOnly
dotnet test Bot.sln -c Release --no-build -nologo --logger "console;verbosity=minimal" "$@"
