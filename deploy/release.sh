#!/usr/bin/env bash
# Make a release to serve: the committed tree of a revision (git archive: no .git, nothing uncommitted), in its own
# folder, with its own virtual environment. New data or code = a new release and a restart, never an edit in place.
#
#   deploy/release.sh /srv/explainer [REVISION]     # REVISION defaults to HEAD
#   cd /srv/explainer/<revision> && deploy/serve.sh
set -euo pipefail
if [ $# -lt 1 ]; then
  echo "usage: deploy/release.sh DEST [REVISION]" >&2
  exit 2
fi
ROOT=$(cd "$(dirname "$0")/.." && pwd)
REVISION=$(git -C "$ROOT" rev-parse --short "${2:-HEAD}")
TARGET="$1/$REVISION"
if [ -e "$TARGET" ]; then
  echo "release.sh: $TARGET exists already" >&2
  exit 1
fi
mkdir -p "$TARGET"
git -C "$ROOT" archive --format=tar "$REVISION" | tar -x -C "$TARGET"
echo "$REVISION" >"$TARGET/REVISION"
if [ "${RELEASE_NO_VENV:-0}" != "1" ]; then
  python3 -m venv "$TARGET/.venv"
  "$TARGET/.venv/bin/pip" install -q -r "$TARGET/requirements.txt"
fi
echo "release.sh: $TARGET is ready; serve it with: cd $TARGET && deploy/serve.sh"
