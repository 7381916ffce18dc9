#!/bin/sh
# macOS: dist/ConcurrencyLab.app -> dist/ConcurrencyLab-<version>-macos-<arch>.dmg (drag to Applications).
#
#   sh scripts/installer/make_dmg.sh <version>
#
# Signing, notarization and stapling run only when their credentials are in the
# environment; without them the .dmg is unsigned (README: "Opening an unsigned build").
#   MACOS_SIGN_IDENTITY         "Developer ID Application: Name (TEAMID)" in the keychain
#                               (CI imports it from MACOS_CERTIFICATE_P12 / MACOS_CERTIFICATE_PASSWORD)
#   MACOS_NOTARY_APPLE_ID, MACOS_NOTARY_TEAM_ID, MACOS_NOTARY_PASSWORD (app-specific password)
#                               -> xcrun notarytool submit --wait, then xcrun stapler staple
set -eu

version="${1:?usage: make_dmg.sh VERSION}"
cd "$(dirname "$0")/../.."
app="dist/ConcurrencyLab.app"
dmg="dist/ConcurrencyLab-${version}-macos-$(uname -m).dmg"
entitlements="scripts/installer/entitlements.plist"
[ -d "$app" ] || { echo "no $app: build first (python scripts/dev.py build)" >&2; exit 1; }

if [ -n "${MACOS_SIGN_IDENTITY:-}" ]; then
  echo "signing $app (hardened runtime) as $MACOS_SIGN_IDENTITY"
  # Inside-out: every Mach-O file first, then the bundle. --deep is not used:
  # Apple discourages it and it misses files outside standard locations.
  find "$app/Contents" -type f \( -name '*.dylib' -o -name '*.so' -o -perm -u+x \) -print | while read -r file; do
    if file "$file" | grep -q 'Mach-O'; then
      codesign --force --timestamp --options runtime --entitlements "$entitlements" \
        --sign "$MACOS_SIGN_IDENTITY" "$file"
    fi
  done
  codesign --force --timestamp --options runtime --entitlements "$entitlements" \
    --sign "$MACOS_SIGN_IDENTITY" "$app"
  codesign --verify --strict --verbose=2 "$app"
else
  echo "MACOS_SIGN_IDENTITY not set: building an unsigned .dmg"
fi

# The image: the app plus a symlink to /Applications, so the user drags one onto the other.
staging=$(mktemp -d)
trap 'rm -rf "$staging"' EXIT
cp -R "$app" "$staging/"          # cp -R keeps the bundle's symlinks (Python.framework-style links)
ln -s /Applications "$staging/Applications"
rm -f "$dmg"
hdiutil create -volname "Concurrency Lab" -srcfolder "$staging" -fs HFS+ -format UDZO \
  -imagekey zlib-level=9 -ov "$dmg"

if [ -n "${MACOS_SIGN_IDENTITY:-}" ]; then
  codesign --force --timestamp --sign "$MACOS_SIGN_IDENTITY" "$dmg"
fi
if [ -n "${MACOS_SIGN_IDENTITY:-}" ] && [ -n "${MACOS_NOTARY_APPLE_ID:-}" ] \
   && [ -n "${MACOS_NOTARY_TEAM_ID:-}" ] && [ -n "${MACOS_NOTARY_PASSWORD:-}" ]; then
  echo "notarizing $dmg"
  xcrun notarytool submit "$dmg" --apple-id "$MACOS_NOTARY_APPLE_ID" --team-id "$MACOS_NOTARY_TEAM_ID" \
    --password "$MACOS_NOTARY_PASSWORD" --wait
  xcrun stapler staple "$dmg"
  xcrun stapler validate "$dmg"
else
  echo "notarization credentials not set: skipping notarize/staple"
fi
hdiutil verify "$dmg"
ls -l "$dmg"
