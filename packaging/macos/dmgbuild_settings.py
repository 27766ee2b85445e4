"""dmgbuild settings for the macOS disk image: the app and a link to /Applications, side by side.

    dmgbuild -s packaging/macos/dmgbuild_settings.py "SIP ALG Wizard" dist/sipalg-wizard-VERSION-macos.dmg

dmgbuild executes this file with ``defines`` (from ``-D name=value``) in scope. ``app`` defaults to
the PyInstaller output ``dist/SIP ALG Wizard.app``; names and the version come from
``packaging/buildinfo.py`` so the DMG always matches the spec and the Info.plist.
"""

import os.path
import sys

_here = os.path.dirname(os.path.abspath(__file__)) if "__file__" in globals() else os.getcwd()
_packaging = (os.path.dirname(_here) if os.path.basename(_here) == "macos"
              else os.path.join(_here, "packaging"))
sys.path.insert(0, _packaging)
import buildinfo  # noqa: E402

_defines = globals().get("defines", {})
application = _defines.get("app", os.path.join(str(buildinfo.ROOT), "dist", buildinfo.APP_NAME + ".app"))
appname = os.path.basename(application)

volume_name = f"{buildinfo.APP_NAME} {buildinfo.version()}"
format = _defines.get("format", "UDZO")  # zlib-compressed, opens on every supported macOS
compression_level = 9
filesystem = "HFS+"
size = None  # computed from the contents

files = [application]
symlinks = {"Applications": "/Applications"}
hide_extensions = [appname]
icon_locations = {appname: (140, 120), "Applications": (400, 120)}

background = "builtin-arrow"
show_status_bar = False
show_tab_view = False
show_toolbar = False
show_pathbar = False
show_sidebar = False
window_rect = ((200, 200), (540, 300))
default_view = "icon-view"
icon_size = 96
text_size = 13
