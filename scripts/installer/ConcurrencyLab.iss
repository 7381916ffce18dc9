; Inno Setup script: dist\ConcurrencyLab\ (the onedir build) -> dist\ConcurrencyLab-<version>-windows-x64-Setup.exe
;
;   iscc /DAppVersion=0.1.0 scripts\installer\ConcurrencyLab.iss
;
; (CI passes the version from pyproject.toml; see .github/workflows/build.yml.)
; - Per-user install without admin rights by default ({localappdata}\Programs\Concurrency Lab);
;   the "Install for all users" choice in the wizard (or /ALLUSERS on the command line) asks for elevation.
; - Start-menu shortcut, optional desktop shortcut, entry in Settings > Apps (uninstall).
; - In-place upgrade: a fixed AppId makes a newer Setup.exe install over the old version (same folder,
;   same uninstall entry); [InstallDelete] removes the old bundle's files first so no stale library survives.
; - The app must be closed during the upgrade (CloseApplications asks the user).

#ifndef AppVersion
  #define AppVersion "0.0.0"
#endif
#define AppName "Concurrency Lab"
#define AppExe "ConcurrencyLab.exe"
#define SourceDir "..\..\dist\ConcurrencyLab"

[Setup]
; Never change AppId: upgrades and the uninstall entry are found through it.
AppId={{6F1D2A53-8C0B-4E61-9C3E-2B7F4A9D5C10}
AppName={#AppName}
AppVersion={#AppVersion}
AppVerName={#AppName} {#AppVersion}
AppPublisher=Concurrency Lab
VersionInfoVersion={#AppVersion}
DefaultDirName={autopf}\{#AppName}
DefaultGroupName={#AppName}
DisableProgramGroupPage=yes
; Per-user by default, no UAC prompt; the user may choose an all-users install in the wizard.
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=dialog commandline
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
OutputDir=..\..\dist
OutputBaseFilename=ConcurrencyLab-{#AppVersion}-windows-x64-Setup
SetupIconFile=..\..\resources\icons\concurrency-lab.ico
UninstallDisplayIcon={app}\{#AppExe}
UninstallDisplayName={#AppName}
LicenseFile=..\..\resources\licenses\THIRD-PARTY-NOTICES.txt
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern
CloseApplications=yes
RestartApplications=no
UsePreviousAppDir=yes

[Languages]
Name: "english"; MessagesFile: "compiler:Default.isl"

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked

[InstallDelete]
; An upgrade replaces the whole bundle: libraries that the new version no longer ships must not linger.
Type: filesandordirs; Name: "{app}\_internal"

[Files]
Source: "{#SourceDir}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{autoprograms}\{#AppName}"; Filename: "{app}\{#AppExe}"; WorkingDir: "{app}"
Name: "{autodesktop}\{#AppName}"; Filename: "{app}\{#AppExe}"; WorkingDir: "{app}"; Tasks: desktopicon

[Run]
Filename: "{app}\{#AppExe}"; Description: "{cm:LaunchProgram,{#AppName}}"; Flags: nowait postinstall skipifsilent

[UninstallDelete]
; Python may write __pycache__ nowhere in the bundle, but logs/crash files could appear next to the app.
Type: filesandordirs; Name: "{app}\_internal"
