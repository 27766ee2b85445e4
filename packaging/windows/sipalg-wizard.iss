; Inno Setup 6 script: the Windows installer for SIP ALG Wizard.
;
;   iscc /DAppVersion=0.1.0 packaging\windows\sipalg-wizard.iss
;
; Installs per user, without administrator rights (PrivilegesRequired=lowest) into
; %LOCALAPPDATA%\Programs\SIP ALG Wizard, with a Start-menu entry, an optional desktop icon and an
; uninstaller (Settings > Apps). The fixed AppId makes a newer setup upgrade the installed copy in
; place. The files come from PyInstaller's onedir output, dist\sipalg-wizard\ (the spec
; packaging\sipalg-wizard.spec), which already contains resources\ and the licence texts.
; The release workflow passes AppVersion from sipalg_wizard.__version__; the default below is kept
; equal to it by tests\packaging\test_consistency.py.

#ifndef AppVersion
  #define AppVersion "0.1.0"
#endif
#define AppName "SIP ALG Wizard"
#define AppPublisher "SIP ALG Wizard developers"
#define AppExeName "sipalg-wizard.exe"
#define DistDir "..\..\dist\sipalg-wizard"

[Setup]
; Never change the AppId: it is how an upgrade finds the installed copy.
AppId={{6F1C2B7E-5A0D-4C39-9E57-3B8A4D2F61C4}
AppName={#AppName}
AppVersion={#AppVersion}
AppVerName={#AppName} {#AppVersion}
AppPublisher={#AppPublisher}
VersionInfoVersion={#AppVersion}
DefaultDirName={autopf}\{#AppName}
DefaultGroupName={#AppName}
DisableProgramGroupPage=yes
DisableDirPage=auto
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=dialog
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
LicenseFile=..\..\LICENSE
OutputDir=..\..\dist
OutputBaseFilename=sipalg-wizard-{#AppVersion}-windows-setup
UninstallDisplayIcon={app}\{#AppExeName}
UninstallDisplayName={#AppName}
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern
CloseApplications=yes
RestartApplications=no

[Languages]
Name: "english"; MessagesFile: "compiler:Default.isl"
Name: "spanish"; MessagesFile: "compiler:Languages\Spanish.isl"

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked

[InstallDelete]
; An upgrade removes the previous version's program files first, so nothing stale stays behind.
Type: filesandordirs; Name: "{app}\_internal"

[Files]
Source: "{#DistDir}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs
Source: "..\..\LICENSE"; DestDir: "{app}"; DestName: "LICENSE.txt"; Flags: ignoreversion

[Icons]
Name: "{autoprograms}\{#AppName}"; Filename: "{app}\{#AppExeName}"
Name: "{autodesktop}\{#AppName}"; Filename: "{app}\{#AppExeName}"; Tasks: desktopicon

[Run]
Filename: "{app}\{#AppExeName}"; Description: "{cm:LaunchProgram,{#StringChange(AppName, '&', '&&')}}"; Flags: nowait postinstall skipifsilent
