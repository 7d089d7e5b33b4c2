; EduTeach 教学点数字课堂: the Windows installer (Inno Setup 6.3 or later).
;
;   iscc /DAppVersion=0.2.0 installer\windows\eduteach.iss
;
; Installs installer\dist\eduteach (made by installer\build.py) and writes
; installer\dist\EduTeach-Setup-<version>.exe. What it does:
;   * Chinese (our own zh_CN.isl on top of Default.isl) and English wizard;
;   * for all users (Program Files, needs admin) or for the current user only (no admin):
;     the wizard asks, or /ALLUSERS and /CURRENTUSER on the command line;
;   * a Start-menu folder (the app, the doctor's support file, uninstall) and, if ticked,
;     a desktop shortcut;
;   * an optional data folder for lessons and records, e.g. on drive D: (survives a
;     reinstall of Windows on C:): written to {app}\data-dir.txt (UTF-8, one line), which
;     the app reads; /DATADIR="D:\EduTeach" does the same for silent installs;
;   * the uninstaller keeps lessons and records unless the user answers "Yes" to removing
;     them (the default is No); silent uninstalls keep them unless /REMOVEDATA is given.
;
; Silent install for technicians:
;   EduTeach-Setup-0.2.0.exe /VERYSILENT /ALLUSERS /DATADIR="D:\EduTeach" /TASKS=desktopicon

#ifndef AppVersion
  #define AppVersion "0.2.0"
#endif
#ifndef BundleDir
  #define BundleDir "..\dist\eduteach"
#endif
#ifndef LauncherExe
  #define LauncherExe "..\dist\eduteach-launcher.exe"
#endif
#ifndef IconFile
  #define IconFile "..\build\icons\eduteach.ico"
#endif
#define AppTitle "EduTeach 教学点数字课堂"

[Setup]
; Never change AppId: upgrades and the uninstaller find the installed copy by it.
AppId={{5C0A8B3E-7A41-4C2B-9E55-1F6D2E8A3B70}
AppName={#AppTitle}
AppVersion={#AppVersion}
AppVerName={#AppTitle} {#AppVersion}
AppPublisher=EduTeach
VersionInfoVersion={#AppVersion}
VersionInfoProductName={#AppTitle}
DefaultDirName={autopf}\EduTeach
DefaultGroupName={#AppTitle}
DisableProgramGroupPage=yes
; All users by default; the wizard offers "for me only" (no administrator needed).
PrivilegesRequired=admin
PrivilegesRequiredOverridesAllowed=dialog commandline
; The bundle is 64-bit; Qt 6 needs Windows 10 1809 or later.
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
MinVersion=10.0.17763
OutputDir=..\dist
OutputBaseFilename=EduTeach-Setup-{#AppVersion}
SetupIconFile={#IconFile}
UninstallDisplayIcon={app}\eduteach.exe
UninstallDisplayName={#AppTitle}
WizardStyle=modern
Compression=lzma2/max
SolidCompression=yes
; An EduTeach that is open during an upgrade is closed (Restart Manager), not overwritten.
CloseApplications=yes
RestartApplications=no
ShowLanguageDialog=yes
LanguageDetectionMethod=uilanguage
UsePreviousAppDir=yes

[Languages]
; Chinese first: the default when Windows' language is neither.
Name: "chinesesimplified"; MessagesFile: "compiler:Default.isl,zh_CN.isl"
Name: "english"; MessagesFile: "compiler:Default.isl"

[CustomMessages]
english.AppComment=Lessons for the classroom, with or without the internet
chinesesimplified.AppComment=课堂上播放课程，有没有网络都能用
english.DoctorShortcut=EduTeach doctor (support file for the technician)
chinesesimplified.DoctorShortcut=诊断（生成发给技术员的文件）
english.DataTitle=Lessons and records
chinesesimplified.DataTitle=课程和上课记录
english.DataSubtitle=Where should EduTeach keep the lessons and the class records?
chinesesimplified.DataSubtitle=课程和上课记录保存在哪里？
english.DataExplain=Lessons need a few gigabytes. A folder on another drive (for example D:) is kept when Windows is reinstalled on C:.
chinesesimplified.DataExplain=课程需要几个 GB 的空间。放在另一个磁盘（例如 D 盘）上的文件夹，重装 C 盘的 Windows 时也不会丢失。
english.DataDefault=In each Windows user's own folder (standard)
chinesesimplified.DataDefault=放在每个 Windows 用户自己的文件夹里（默认）
english.DataCustom=In a folder I choose, for all users of this computer
chinesesimplified.DataCustom=放在我指定的文件夹里（这台电脑的所有用户共用）
english.DataDirTitle=Folder for lessons and records
chinesesimplified.DataDirTitle=课程和记录的文件夹
english.DataDirSubtitle=Choose the folder; it is created if it does not exist.
chinesesimplified.DataDirSubtitle=请选择文件夹；如果不存在，会自动创建。
english.DataDirExplain=EduTeach will keep its lessons, class records and logs in this folder:
chinesesimplified.DataDirExplain=EduTeach 会把课程、上课记录和日志保存在这个文件夹中：
english.DataDirFree=Free space on this drive: %1 MB
chinesesimplified.DataDirFree=这个磁盘的可用空间：%1 MB
english.DataDirBad=Please choose a folder with a drive letter, for example D:\EduTeach.
chinesesimplified.DataDirBad=请选择带盘符的文件夹，例如 D:\EduTeach。
english.DataMemo=Lessons and records:
chinesesimplified.DataMemo=课程和上课记录：
english.DataMemoDefault=each Windows user's own folder
chinesesimplified.DataMemoDefault=每个 Windows 用户自己的文件夹
english.DataWriteFailed=Could not write %1. EduTeach will keep its data in the standard folder.
chinesesimplified.DataWriteFailed=无法写入 %1。EduTeach 会把数据保存在默认文件夹中。
english.RemoveDataQuestion=Also remove my data: the lessons and class records on this computer?%n%n%1%n%nChoose No to keep them (recommended): a new EduTeach finds them again. Records that have not reached the county yet are lost if you remove them.
chinesesimplified.RemoveDataQuestion=同时删除我的数据（这台电脑上的课程和上课记录）吗？%n%n%1%n%n选“否”保留它们（推荐）：重新安装后 EduTeach 还能找到。还没有上传到县里的记录，删除后就找不回来了。

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"

[Files]
; The A/B layout (eduteach_desktop/update/layout.py). The one-folder bundle (eduteach.exe
; windowed, eduteach-cli.exe console, _internal\) goes to its own folder slots\X.Y.Z; the
; small launcher eduteach.exe starts the one `current` names, eduteach-cli.cmd likewise for
; the console. The app's updates run this installer with /TRIAL (update/apply.py): the new
; version lands beside the running one and `current` stays until the new version proved
; healthy, so the previous one is there to go back to.
Source: "{#BundleDir}\*"; DestDir: "{app}\slots\{#AppVersion}"; Flags: ignoreversion recursesubdirs createallsubdirs
Source: "{#LauncherExe}"; DestDir: "{app}"; DestName: "eduteach.exe"; Flags: ignoreversion
Source: "eduteach-cli.cmd"; DestDir: "{app}"; Flags: ignoreversion

[InstallDelete]
; An install from before the A/B layout had the program in {app} itself.
Type: filesandordirs; Name: "{app}\_internal"
Type: files; Name: "{app}\eduteach-cli.exe"

[Dirs]
; The chosen data folder, never removed by the uninstaller's own bookkeeping. Its access
; rights are set in CurStepChanged (SetDataDirAcl): see the model there.
Name: "{code:GetDataDir}"; Flags: uninsneveruninstall; Check: UseCustomDataDir

[Icons]
Name: "{group}\{#AppTitle}"; Filename: "{app}\eduteach.exe"; WorkingDir: "{app}"; Comment: "{cm:AppComment}"
Name: "{group}\{cm:DoctorShortcut}"; Filename: "{app}\eduteach-cli.cmd"; Parameters: "doctor --bundle --pause"; WorkingDir: "{app}"
Name: "{group}\{cm:UninstallProgram,EduTeach}"; Filename: "{uninstallexe}"
Name: "{autodesktop}\{#AppTitle}"; Filename: "{app}\eduteach.exe"; WorkingDir: "{app}"; Comment: "{cm:AppComment}"; Tasks: desktopicon

[Run]
Filename: "{app}\eduteach.exe"; Description: "{cm:LaunchProgram,EduTeach}"; Flags: nowait postinstall skipifsilent runasoriginaluser

[UninstallDelete]
Type: files; Name: "{app}\data-dir.txt"
Type: files; Name: "{app}\current"
; the versions later updates brought in
Type: filesandordirs; Name: "{app}\slots"

[Code]
const
  DataDirFileName = 'data-dir.txt';
  DRIVE_FIXED = 3;

var
  DataModePage: TInputOptionWizardPage;
  DataDirPage: TInputDirWizardPage;
  DataFreeLabel: TNewStaticText;
  RemoveData: Boolean;
  DataDirsToRemove: TArrayOfString;

function GetDriveType(lpRootPathName: String): Cardinal;
  external 'GetDriveTypeW@kernel32.dll stdcall';

function CmdLineFlag(const Name: String): Boolean;
var
  I: Integer;
begin
  Result := False;
  for I := 1 to ParamCount do
    if CompareText(ParamStr(I), Name) = 0 then
    begin
      Result := True;
      Exit;
    end;
end;

function SuggestedDataDir: String;
begin
  { A second fixed drive keeps the data when Windows is reinstalled on C:. }
  if GetDriveType('D:\') = DRIVE_FIXED then
    Result := 'D:\EduTeach'
  else
    Result := ExpandConstant('{sd}\EduTeach');
end;

function UseCustomDataDir: Boolean;
begin
  Result := (DataModePage <> nil) and (DataModePage.SelectedValueIndex = 1);
end;

function GetDataDir(Param: String): String;
begin
  Result := Trim(DataDirPage.Values[0]);
end;

procedure ShowFreeSpace(Sender: TObject);
var
  FreeMB, TotalMB: Cardinal;
  Drive: String;
begin
  Drive := ExtractFileDrive(Trim(DataDirPage.Values[0]));
  if (Drive <> '') and GetSpaceOnDisk(AddBackslash(Drive), True, FreeMB, TotalMB) then
    DataFreeLabel.Caption := FmtMessage(CustomMessage('DataDirFree'), [IntToStr(FreeMB)])
  else
    DataFreeLabel.Caption := '';
end;

procedure InitializeWizard;
var
  Given, Previous: String;
begin
  DataModePage := CreateInputOptionPage(wpSelectDir, CustomMessage('DataTitle'),
    CustomMessage('DataSubtitle'), CustomMessage('DataExplain'), True, False);
  DataModePage.Add(CustomMessage('DataDefault'));
  DataModePage.Add(CustomMessage('DataCustom'));

  DataDirPage := CreateInputDirPage(DataModePage.ID, CustomMessage('DataDirTitle'),
    CustomMessage('DataDirSubtitle'), CustomMessage('DataDirExplain'), False, '');
  DataDirPage.Add('');
  DataFreeLabel := TNewStaticText.Create(DataDirPage);
  DataFreeLabel.Parent := DataDirPage.Surface;
  DataFreeLabel.Top := DataDirPage.Edits[0].Top + DataDirPage.Edits[0].Height + ScaleY(12);
  DataFreeLabel.Left := DataDirPage.Edits[0].Left;
  DataDirPage.Edits[0].OnChange := @ShowFreeSpace;

  Given := Trim(ExpandConstant('{param:DATADIR|}'));
  Previous := Trim(GetPreviousData('DataDir', ''));
  if Given <> '' then
  begin
    DataModePage.SelectedValueIndex := 1;
    DataDirPage.Values[0] := Given;
  end
  else if Previous <> '' then
  begin
    DataModePage.SelectedValueIndex := 1;
    DataDirPage.Values[0] := Previous;
  end
  else
  begin
    DataModePage.SelectedValueIndex := 0;
    DataDirPage.Values[0] := SuggestedDataDir;
  end;
  ShowFreeSpace(nil);
end;

function ShouldSkipPage(PageID: Integer): Boolean;
begin
  Result := (PageID = DataDirPage.ID) and not UseCustomDataDir;
end;

function NextButtonClick(CurPageID: Integer): Boolean;
var
  Dir: String;
begin
  Result := True;
  if CurPageID = DataDirPage.ID then
  begin
    Dir := GetDataDir('');
    if (Length(Dir) < 3) or (Copy(Dir, 2, 2) <> ':\') then
    begin
      MsgBox(CustomMessage('DataDirBad'), mbError, MB_OK);
      Result := False;
    end;
  end;
end;

procedure RegisterPreviousData(PreviousDataKey: Integer);
begin
  if UseCustomDataDir then
    SetPreviousData(PreviousDataKey, 'DataDir', GetDataDir(''))
  else
    SetPreviousData(PreviousDataKey, 'DataDir', '');
end;

function UpdateReadyMemo(Space, NewLine, MemoUserInfoInfo, MemoDirInfo, MemoTypeInfo,
  MemoComponentsInfo, MemoGroupInfo, MemoTasksInfo: String): String;
var
  Where: String;
begin
  if UseCustomDataDir then
    Where := GetDataDir('')
  else
    Where := CustomMessage('DataMemoDefault');
  Result := MemoDirInfo + NewLine + NewLine + CustomMessage('DataMemo') + NewLine + Space + Where;
  if MemoGroupInfo <> '' then
    Result := Result + NewLine + NewLine + MemoGroupInfo;
  if MemoTasksInfo <> '' then
    Result := Result + NewLine + NewLine + MemoTasksInfo;
end;

{ Who may read the data folder. The model: EduTeach runs under the teacher's Windows
  account (often not an administrator); pupils may log on to the same PC with their own
  accounts. The folder works like %ProgramData%: every user may create files and folders in
  it, but only the account that created a file (CREATOR OWNER), administrators and SYSTEM
  may read it. So the device key (device-key.pem) and the database holding the hub
  credential, both created by the teacher's account at first start, cannot be read by a
  pupil's account. They are also sealed with DPAPI for the teacher's account
  (eduteach_desktop/store/secrets.py), so a copy taken by an administrator is useless
  elsewhere. (The default data folder, %LOCALAPPDATA%\EduTeach, is private to its user already.)
  SIDs, not names, so a Chinese Windows (whose groups have Chinese names) works too:
  S-1-5-18 SYSTEM, S-1-5-32-544 Administrators, S-1-3-0 CREATOR OWNER, S-1-5-32-545 Users. }
procedure SetDataDirAcl(const Dir: String);
var
  Code: Integer;
begin
  if not Exec(ExpandConstant('{sys}\icacls.exe'),
    '"' + Dir + '" /inheritance:r /grant:r *S-1-5-18:(OI)(CI)F *S-1-5-32-544:(OI)(CI)F ' +
    '*S-1-3-0:(OI)(CI)(IO)F *S-1-5-32-545:(RX,AD,WD)',
    '', SW_HIDE, ewWaitUntilTerminated, Code) or (Code <> 0) then
    Log('icacls could not set the data folder''s rights: ' + IntToStr(Code));
end;

{ `current` names the slot the launcher starts. A technician's install switches to this
  version; an update from the app (/TRIAL) leaves it to the trial (update/boot.py), unless
  nothing is there yet (an install from before the A/B layout). }
procedure WriteCurrent;
var
  FileName: String;
begin
  FileName := ExpandConstant('{app}\current');
  if CmdLineFlag('/TRIAL') and FileExists(FileName) then
    Exit;
  if not SaveStringToFile(FileName, '{#AppVersion}', False) then
    Log('could not write ' + FileName);
end;

procedure CurStepChanged(CurStep: TSetupStep);
var
  Lines: TArrayOfString;
  FileName: String;
begin
  if CurStep <> ssPostInstall then
    Exit;
  WriteCurrent;
  FileName := ExpandConstant('{app}\' + DataDirFileName);
  if UseCustomDataDir then
  begin
    ForceDirectories(GetDataDir(''));
    SetDataDirAcl(GetDataDir(''));
    SetArrayLength(Lines, 1);
    Lines[0] := GetDataDir('');
    if not SaveStringsToUTF8File(FileName, Lines, False) then
      SuppressibleMsgBox(FmtMessage(CustomMessage('DataWriteFailed'), [FileName]),
        mbError, MB_OK, IDOK);
  end
  else if FileExists(FileName) then
    DeleteFile(FileName);
end;

{ --- uninstall --------------------------------------------------------------------- }

procedure AddDataDir(const Dir: String);
var
  N: Integer;
begin
  if (Dir = '') or not DirExists(Dir) then
    Exit;
  N := GetArrayLength(DataDirsToRemove);
  SetArrayLength(DataDirsToRemove, N + 1);
  DataDirsToRemove[N] := Dir;
end;

procedure FindDataDirs;
var
  Lines: TArrayOfString;
  Dir: String;
begin
  SetArrayLength(DataDirsToRemove, 0);
  if LoadStringsFromFile(ExpandConstant('{app}\' + DataDirFileName), Lines) and
     (GetArrayLength(Lines) > 0) then
  begin
    Dir := Trim(Lines[0]);
    if (Length(Dir) > 0) and (Ord(Dir[1]) = $FEFF) then
      Delete(Dir, 1, 1);
    AddDataDir(Dir);
  end;
  AddDataDir(ExpandConstant('{app}\data'));  { portable mode }
  AddDataDir(ExpandConstant('{localappdata}\EduTeach'));  { this user's standard folder }
end;

procedure RemoveEduTeachData(const Dir: String);
var
  Base: String;
begin
  { Only what EduTeach itself writes: a data folder the user picked (say D:\) may hold
    other files, and those must survive. }
  Base := AddBackslash(Dir);
  DelTree(Base + 'blobs', True, True, True);
  DelTree(Base + 'partial', True, True, True);
  DelTree(Base + 'trust', True, True, True);
  DelTree(Base + 'logs', True, True, True);
  DeleteFile(Base + 'eduteach.sqlite3');
  DeleteFile(Base + 'eduteach.sqlite3-wal');
  DeleteFile(Base + 'eduteach.sqlite3-shm');
  DeleteFile(Base + 'eduteach.sqlite3-journal');
  DeleteFile(Base + 'device-key.pem');
  DeleteFile(Base + 'device-key.pem.tmp');
  DeleteFile(Base + '.writer.lock');
  RemoveDir(Dir);  { only if nothing else is left in it }
end;

procedure CurUninstallStepChanged(CurUninstallStep: TUninstallStep);
var
  I: Integer;
  List: String;
begin
  if CurUninstallStep = usUninstall then
  begin
    FindDataDirs;
    RemoveData := False;
    if GetArrayLength(DataDirsToRemove) = 0 then
      Exit;
    if UninstallSilent then
      RemoveData := CmdLineFlag('/REMOVEDATA')
    else
    begin
      List := '';
      for I := 0 to GetArrayLength(DataDirsToRemove) - 1 do
        List := List + DataDirsToRemove[I] + #13#10;
      RemoveData := MsgBox(FmtMessage(CustomMessage('RemoveDataQuestion'), [Trim(List)]),
        mbConfirmation, MB_YESNO or MB_DEFBUTTON2) = IDYES;
    end;
  end
  else if (CurUninstallStep = usPostUninstall) and RemoveData then
  begin
    for I := 0 to GetArrayLength(DataDirsToRemove) - 1 do
      RemoveEduTeachData(DataDirsToRemove[I]);
  end;
end;
