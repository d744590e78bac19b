; Per-user setup.exe for one Hotline Desk seat app (no administrator rights needed).
; Built by installer/nsis.py: makensis -WX -DAPP=AgentApp -DMODULE=agent_app ... seat.nsi
;   setup.exe /S                       silent, into %LOCALAPPDATA%\Programs\HotlineDesk\<App>
;   setup.exe /S /D=C:\Seats\Agent     another folder (/D= must come last, without quotes)
;   setup.ini beside setup.exe         preset values, see installer/README.md
Unicode true
Target amd64-unicode
ManifestDPIAware true
RequestExecutionLevel user
!if "${COMPRESSOR}" == "none"
  SetCompress off
!else
  SetCompressor ${COMPRESSOR}
  !if "${COMPRESSOR}" == "/SOLID lzma"
    SetCompressorDictSize 32
  !endif
!endif

!ifndef APP | MODULE | DISPLAY_NAME | VERSION | PAYLOAD | OUTFILE | UNINST_KEY
  !error "pass APP, MODULE, DISPLAY_NAME, VERSION, PAYLOAD, OUTFILE and UNINST_KEY with -D"
!endif

!define ORG "HotlineDesk"
!define UNINST_REG "Software\Microsoft\Windows\CurrentVersion\Uninstall\${UNINST_KEY}"
!define RUN_REG "Software\Microsoft\Windows\CurrentVersion\Run"
; the app's own settings (QSettings native format: HKCU\Software\<org>\<app>\<section>, value <name>)
!define USER_REG "Software\${ORG}\${APP}"

Name "${DISPLAY_NAME}"
OutFile "${OUTFILE}"
InstallDir "$LOCALAPPDATA\Programs\${ORG}\${APP}"
InstallDirRegKey HKCU "${UNINST_REG}" "InstallLocation"
ShowInstDetails nevershow
ShowUninstDetails nevershow
VIProductVersion "${VERSION}.0"
VIAddVersionKey "ProductName" "${DISPLAY_NAME}"
VIAddVersionKey "CompanyName" "Hotline Desk"
VIAddVersionKey "FileVersion" "${VERSION}"
VIAddVersionKey "ProductVersion" "${VERSION}"
VIAddVersionKey "FileDescription" "${DISPLAY_NAME} setup"
VIAddVersionKey "LegalCopyright" "Hotline Desk"

Page directory
Page instfiles
UninstPage uninstConfirm
UninstPage instfiles

Var IniFile

; one key of setup.ini -> the user's settings; a key absent from setup.ini leaves the setting alone
!macro PresetKey SECTION NAME
  ClearErrors
  ReadINIStr $0 "$IniFile" "${SECTION}" "${NAME}"
  ${If} ${Errors}
  ${Else}
    WriteRegStr HKCU "${USER_REG}\${SECTION}" "${NAME}" "$0"
  ${EndIf}
!macroend

!include "LogicLib.nsh"
!include "x64.nsh"

Function .onInit
  SetShellVarContext current
  SetRegView 64
  StrCpy $IniFile "$EXEDIR\setup.ini"
FunctionEnd

Section "Install"
  SetOutPath "$INSTDIR"
  ; an upgrade in place: old files that the new version no longer has must not linger
  RMDir /r "$INSTDIR\python"
  RMDir /r "$INSTDIR\app"
  File /r "${PAYLOAD}\*.*"

  ${If} ${FileExists} "$IniFile"
    CopyFiles /SILENT "$IniFile" "$INSTDIR\setup.ini"
    !insertmacro PresetKey "server" "url"
    !insertmacro PresetKey "sip" "domain"
    !insertmacro PresetKey "sip" "registrar"
    !insertmacro PresetKey "sip" "port"
    !insertmacro PresetKey "ui" "language"
    !insertmacro PresetKey "ui" "font_size"
    !insertmacro PresetKey "hotkeys" "global"
    ClearErrors
    ReadINIStr $0 "$IniFile" "install" "autostart"
    ${If} $0 == "1"
      WriteRegStr HKCU "${RUN_REG}" "${ORG} ${APP}" '"$INSTDIR\python\pythonw.exe" -m ${MODULE}'
    ${EndIf}
  ${EndIf}

  CreateDirectory "$SMPROGRAMS\Hotline Desk"
  CreateShortcut "$SMPROGRAMS\Hotline Desk\${DISPLAY_NAME}.lnk" "$INSTDIR\python\pythonw.exe" \
    "-m ${MODULE}" "$INSTDIR\app\resources\icons\app.ico" 0
  WriteUninstaller "$INSTDIR\uninstall.exe"
  WriteRegStr HKCU "${UNINST_REG}" "DisplayName" "${DISPLAY_NAME}"
  WriteRegStr HKCU "${UNINST_REG}" "DisplayVersion" "${VERSION}"
  WriteRegStr HKCU "${UNINST_REG}" "Publisher" "Hotline Desk"
  WriteRegStr HKCU "${UNINST_REG}" "InstallLocation" "$INSTDIR"
  WriteRegStr HKCU "${UNINST_REG}" "UninstallString" '"$INSTDIR\uninstall.exe"'
  WriteRegStr HKCU "${UNINST_REG}" "QuietUninstallString" '"$INSTDIR\uninstall.exe" /S'
  WriteRegDWORD HKCU "${UNINST_REG}" "NoModify" 1
  WriteRegDWORD HKCU "${UNINST_REG}" "NoRepair" 1
SectionEnd

Function un.onInit
  SetShellVarContext current
  SetRegView 64
FunctionEnd

Section "Uninstall"
  ; the call-taker's own settings (HKCU\Software\HotlineDesk) stay: a reinstall keeps them
  Delete "$SMPROGRAMS\Hotline Desk\${DISPLAY_NAME}.lnk"
  RMDir "$SMPROGRAMS\Hotline Desk"
  DeleteRegValue HKCU "${RUN_REG}" "${ORG} ${APP}"
  DeleteRegKey HKCU "${UNINST_REG}"
  RMDir /r "$INSTDIR\python"
  RMDir /r "$INSTDIR\app"
  Delete "$INSTDIR\setup.ini"
  Delete "$INSTDIR\uninstall.exe"
  RMDir "$INSTDIR"
  RMDir "$INSTDIR\.."
SectionEnd
