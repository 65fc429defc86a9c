# Shared by build-aux/run and build-aux/test: installs what a fresh Debian 12
# machine lacks, then configures the build folder.

PD_SOURCE_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)

PD_DEBIAN_PACKAGES=(
  build-essential meson ninja-build pkg-config gettext itstool python3
  libglib2.0-dev libglib2.0-dev-bin libgtk-4-dev libadwaita-1-dev
  libsoup-3.0-dev libjson-glib-dev libsqlite3-dev sqlite3 libsecret-1-dev
  libqrencode-dev libcairo2-dev nettle-dev
  desktop-file-utils appstream yelp-tools flatpak-builder
  xvfb xauth dbus dbus-x11 gnome-keyring libsecret-tools
  fonts-cantarell adwaita-icon-theme
  curl poppler-utils zbar-tools openssl faketime
  cppcheck clang libclang-rt-14-dev libadwaita-1-examples chromium
)

pd_as_root () {
  if [ "$(id -u)" -eq 0 ]; then
    "$@"
  else
    sudo "$@"
  fi
}

pd_install_missing_packages () {
  local missing=()
  local pkg
  for pkg in "${PD_DEBIAN_PACKAGES[@]}"; do
    if ! dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed'; then
      missing+=("$pkg")
    fi
  done
  if [ ${#missing[@]} -gt 0 ]; then
    echo "Installing missing Debian packages: ${missing[*]}"
    pd_as_root apt-get update -qq
    pd_as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}"
  fi
}

# pd_setup BUILD_DIR [meson options...]
pd_setup () {
  local builddir=$1
  shift
  if [ -f "$builddir/build.ninja" ]; then
    meson configure "$builddir" "$@" >/dev/null
  else
    meson setup "$builddir" "$PD_SOURCE_DIR" "$@"
  fi
}
