# Build the Windows bundle, the portable zip and the per-user installer.
#
#   powershell -ExecutionPolicy Bypass -File packaging\windows\build_windows.ps1
#
# Needs Python with the project installed (pip install -e .) and Inno Setup 6 (iscc.exe; on the
# GitHub Windows runners it is preinstalled, elsewhere: choco install innosetup).
# Optional code signing: WINDOWS_CERT_PFX (path to a .pfx) and WINDOWS_CERT_PASSWORD; without them
# the executables and the setup are unsigned (SmartScreen warns customers).
# Output: dist\sipalg-wizard\ , dist\sipalg-wizard-VERSION-windows-portable.zip ,
#         dist\sipalg-wizard-VERSION-windows-setup.exe
$ErrorActionPreference = "Stop"
Set-Location (Join-Path $PSScriptRoot "..\..")
$py = if ($env:PYTHON) { $env:PYTHON } else { "python" }

& $py -m pip install --quiet --disable-pip-version-check -r packaging\requirements.txt
if ($LASTEXITCODE) { throw "pip failed" }
$version = (& $py packaging\buildinfo.py version).Trim()

& $py -m PyInstaller --noconfirm --clean --log-level WARN `
  --workpath build\pyinstaller --distpath dist packaging\sipalg-wizard.spec
if ($LASTEXITCODE) { throw "PyInstaller failed" }

# The frozen program must find its data (the console twin can print the result).
$env:SIPALG_WIZARD_SELFCHECK = "1"
& dist\sipalg-wizard\sipalg-wizard-cli.exe | Out-Null
$check = $LASTEXITCODE
Remove-Item Env:SIPALG_WIZARD_SELFCHECK
if ($check) { throw "self-check of the frozen program failed" }
& dist\sipalg-wizard\sipalg-wizard-cli.exe --version

function Sign-Files($paths) {
  if (-not $env:WINDOWS_CERT_PFX) { Write-Host "build_windows: no WINDOWS_CERT_PFX - not signing"; return }
  $signtool = Get-ChildItem "${env:ProgramFiles(x86)}\Windows Kits\10\bin\*\x64\signtool.exe" |
    Sort-Object FullName | Select-Object -Last 1
  & $signtool.FullName sign /f $env:WINDOWS_CERT_PFX /p $env:WINDOWS_CERT_PASSWORD `
    /fd SHA256 /tr http://timestamp.digicert.com /td SHA256 @paths
  if ($LASTEXITCODE) { throw "signing failed" }
}
Sign-Files (Get-ChildItem dist\sipalg-wizard\*.exe | ForEach-Object FullName)

$zip = "dist\sipalg-wizard-$version-windows-portable.zip"
if (Test-Path $zip) { Remove-Item $zip }
Compress-Archive -Path dist\sipalg-wizard -DestinationPath $zip -CompressionLevel Optimal

$iscc = (Get-Command iscc.exe -ErrorAction SilentlyContinue).Source
if (-not $iscc) { $iscc = "${env:ProgramFiles(x86)}\Inno Setup 6\ISCC.exe" }
& $iscc /Qp "/DAppVersion=$version" packaging\windows\sipalg-wizard.iss
if ($LASTEXITCODE) { throw "Inno Setup failed" }
Sign-Files @("dist\sipalg-wizard-$version-windows-setup.exe")
Write-Host "build_windows: $zip and dist\sipalg-wizard-$version-windows-setup.exe"
