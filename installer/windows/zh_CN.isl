; EduTeach's own Simplified Chinese messages for Inno Setup 6 (written for EduTeach; not
; the unofficial ChineseSimplified.isl). The .iss loads it on top of the compiler's
; Default.isl ("compiler:Default.isl,zh_CN.isl"): a message missing here, or one a newer
; Inno Setup adds, shows in English instead of failing the build, and a name an older
; Inno Setup does not know is ignored with a warning. Saved as UTF-8 with a BOM.

[LangOptions]
LanguageName=简体中文
LanguageID=$0804
LanguageCodePage=0

[Messages]
; *** titles
SetupAppTitle=安装
SetupWindowTitle=安装 - %1
UninstallAppTitle=卸载
UninstallAppFullTitle=卸载 %1
InformationTitle=提示
ConfirmTitle=确认
ErrorTitle=错误

; *** start-up
SetupLdrStartupMessage=即将安装 %1。是否继续？
LdrCannotCreateTemp=无法创建临时文件，安装已中止
LdrCannotExecTemp=无法运行临时文件夹中的文件，安装已中止
SetupFileMissing=安装文件夹中缺少文件 %1。请重新获取一份安装程序。
SetupFileCorrupt=安装文件已损坏。请重新获取一份安装程序。
SetupFileCorruptOrWrongVer=安装文件已损坏，或与此版本的安装程序不符。请重新获取一份安装程序。
InvalidParameter=命令行参数无效：%n%n%1
SetupAlreadyRunning=安装程序已经在运行。
WindowsVersionNotSupported=本程序不支持这台电脑上的 Windows 版本。
OnlyOnTheseArchitectures=本程序只能安装在下列处理器架构的 Windows 上：%n%n%1
WinVersionTooLowError=本程序需要 %1 %2 或更高版本。
WinVersionTooHighError=本程序不能安装在 %1 %2 或更高版本上。
AdminPrivilegesRequired=安装本程序需要以管理员身份登录。
PowerUserPrivilegesRequired=安装本程序需要以管理员或 Power Users 组成员身份登录。
SetupAppRunningError=安装程序发现 %1 正在运行。%n%n请先关闭它，然后点“确定”继续，或点“取消”退出。
UninstallAppRunningError=卸载程序发现 %1 正在运行。%n%n请先关闭它，然后点“确定”继续，或点“取消”退出。

; *** per-machine or per-user
PrivilegesRequiredOverrideInstruction=选择安装方式
PrivilegesRequiredOverrideTaskDialogText1=%1 可以为这台电脑的所有用户安装（需要管理员权限），也可以只为您自己安装。
PrivilegesRequiredOverrideMsgBoxText1=%1 可以为所有用户安装（推荐，需要管理员权限），也可以只为您自己安装。%n%n为所有用户安装吗？
PrivilegesRequiredOverrideTaskDialogText2=%1 可以只为您自己安装，也可以为所有用户安装（需要管理员权限）。
PrivilegesRequiredOverrideMsgBoxText2=%1 可以只为您自己安装（推荐），也可以为所有用户安装（需要管理员权限）。%n%n只为您自己安装吗？
PrivilegesRequiredOverrideAllUsers=为所有用户安装(&A)
PrivilegesRequiredOverrideCurrentUser=只为我安装(&M)
PrivilegesRequiredOverrideRecommended=%1（推荐）

; *** common
ErrorCreatingDir=无法创建文件夹“%1”
ErrorTooManyFilesInDir=文件夹“%1”中的文件太多，无法再创建文件
ExitSetupTitle=退出安装
ExitSetupMessage=安装还没有完成。如果现在退出，程序不会被安装。%n%n以后可以再运行安装程序完成安装。%n%n退出安装吗？
AboutSetupMenuItem=关于安装程序(&A)...
AboutSetupTitle=关于安装程序
AboutSetupMessage=%1 版本 %2%n%3%n%n%1 主页：%n%4

; *** buttons
ButtonBack=< 上一步(&B)
ButtonNext=下一步(&N) >
ButtonInstall=安装(&I)
ButtonOK=确定
ButtonCancel=取消
ButtonYes=是(&Y)
ButtonYesToAll=全部选是(&A)
ButtonNo=否(&N)
ButtonNoToAll=全部选否(&O)
ButtonFinish=完成(&F)
ButtonBrowse=浏览(&B)...
ButtonWizardBrowse=浏览(&R)...
ButtonNewFolder=新建文件夹(&M)

; *** language dialog
SelectLanguageTitle=选择安装语言
SelectLanguageLabel=请选择安装过程中使用的语言：

; *** wizard
ClickNext=点“下一步”继续，或点“取消”退出安装。
BrowseDialogTitle=浏览文件夹
BrowseDialogLabel=在下面的列表中选择一个文件夹，然后点“确定”。
NewFolderName=新建文件夹
WelcomeLabel1=欢迎安装 [name]
WelcomeLabel2=即将在这台电脑上安装 [name/ver]。%n%n建议先关闭其他正在运行的程序。

WizardSelectDir=选择程序的安装位置
SelectDirDesc=[name] 要安装到哪里？
SelectDirLabel3=安装程序将把 [name] 安装到下面的文件夹。
SelectDirBrowseLabel=点“下一步”继续。如果要换一个文件夹，请点“浏览”。
DiskSpaceMBLabel=至少需要 [mb] MB 可用磁盘空间。
CannotInstallToNetworkDrive=不能安装到网络驱动器。
CannotInstallToUNCPath=不能安装到 UNC 路径。
InvalidPath=请输入带盘符的完整路径，例如：%n%nC:\APP
InvalidDrive=您选择的磁盘不存在或无法访问，请另选一个。
DiskSpaceWarningTitle=磁盘空间不足
DiskSpaceWarning=安装至少需要 %1 KB 可用空间，但所选磁盘只有 %2 KB。%n%n仍然继续吗？
DirNameTooLong=文件夹名称或路径太长。
InvalidDirName=文件夹名称无效。
BadDirName32=文件夹名称不能包含下列字符：%n%n%1
DirExistsTitle=文件夹已存在
DirExists=文件夹：%n%n%1%n%n已经存在。仍然安装到这个文件夹吗？
DirDoesntExistTitle=文件夹不存在
DirDoesntExist=文件夹：%n%n%1%n%n不存在。要创建这个文件夹吗？

WizardSelectTasks=选择附加任务
SelectTasksDesc=还要做哪些事情？
SelectTasksLabel2=请选择安装 [name] 时要做的附加任务，然后点“下一步”。

WizardSelectProgramGroup=选择开始菜单文件夹
SelectStartMenuFolderDesc=程序的快捷方式放在哪里？
SelectStartMenuFolderLabel3=安装程序将在下面的开始菜单文件夹中创建快捷方式。
SelectStartMenuFolderBrowseLabel=点“下一步”继续。如果要换一个文件夹，请点“浏览”。
MustEnterGroupName=请输入文件夹名称。
NoProgramGroupCheck2=不创建开始菜单文件夹(&D)

WizardReady=准备安装
ReadyLabel1=已准备好在这台电脑上安装 [name]。
ReadyLabel2a=点“安装”开始安装；如果想检查或修改设置，请点“上一步”。
ReadyLabel2b=点“安装”开始安装。
ReadyMemoDir=安装位置：
ReadyMemoGroup=开始菜单文件夹：
ReadyMemoTasks=附加任务：

WizardPreparing=正在准备安装
PreparingDesc=正在准备在这台电脑上安装 [name]。
PreviousInstallNotCompleted=上一次程序的安装或卸载还没有完成，需要重新启动电脑。%n%n重新启动后，请再次运行安装程序来安装 [name]。
CannotContinue=安装无法继续。请点“取消”退出。
ApplicationsFound=下列程序正在使用需要更新的文件。建议让安装程序自动关闭它们。
ApplicationsFound2=下列程序正在使用需要更新的文件。建议让安装程序自动关闭它们；安装完成后会尝试重新打开。
CloseApplications=自动关闭这些程序(&A)
DontCloseApplications=不关闭这些程序(&D)
ErrorCloseApplications=安装程序无法自动关闭所有程序。建议先手动关闭正在使用相关文件的程序，再继续安装。

WizardInstalling=正在安装
InstallingLabel=正在这台电脑上安装 [name]，请稍候。

FinishedHeadingLabel=[name] 安装完成
FinishedLabelNoIcons=[name] 已经安装到这台电脑上。
FinishedLabel=[name] 已经安装到这台电脑上。可以通过桌面或开始菜单中的快捷方式打开它。
ClickFinish=点“完成”退出安装。
FinishedRestartLabel=需要重新启动电脑才能完成 [name] 的安装。现在重新启动吗？
FinishedRestartMessage=需要重新启动电脑才能完成 [name] 的安装。%n%n现在重新启动吗？
YesRadio=是，现在重新启动电脑(&Y)
NoRadio=否，稍后再重新启动(&N)
RunEntryExec=运行 %1
RunEntryShellExec=查看 %1

; *** while installing
SetupAborted=安装没有完成。%n%n请解决问题后再运行安装程序。
StatusClosingApplications=正在关闭程序...
StatusCreateDirs=正在创建文件夹...
StatusExtractFiles=正在解压文件...
StatusCreateIcons=正在创建快捷方式...
StatusCreateRegistryEntries=正在写入注册表...
StatusSavingUninstall=正在保存卸载信息...
StatusRunProgram=正在完成安装...
StatusRestartingApplications=正在重新打开程序...
StatusRollback=正在撤销更改...
ErrorInternal2=内部错误：%1
ErrorFunctionFailedNoCode=%1 失败
ErrorFunctionFailed=%1 失败；代码 %2
ErrorFunctionFailedWithMessage=%1 失败；代码 %2。%n%3
ErrorExecutingProgram=无法运行文件：%n%1
SourceIsCorrupted=源文件已损坏
SourceDoesntExist=源文件“%1”不存在
ErrorCopying=复制文件时出错：
ErrorReplacingExistingFile=替换已有文件时出错：

; *** uninstall
UninstallDisplayNameMarkAllUsers=所有用户
UninstallDisplayNameMarkCurrentUser=当前用户
UninstallNotFound=文件“%1”不存在，无法卸载。
UninstallOpenError=无法打开文件“%1”，无法卸载
ConfirmUninstall=确实要从这台电脑上卸载 %1 吗？
OnlyAdminCanUninstall=只有管理员才能卸载这个程序。
UninstallStatusLabel=正在从这台电脑上卸载 %1，请稍候。
UninstalledAll=%1 已从这台电脑上卸载。
UninstalledMost=%1 卸载完成。%n%n有些项目无法删除，可以手动删除。
UninstalledAndNeedsRestart=需要重新启动电脑才能完成 %1 的卸载。%n%n现在重新启动吗？
UninstallDataCorrupted=文件“%1”已损坏，无法卸载
WizardUninstalling=卸载状态
StatusUninstalling=正在卸载 %1...
ShutdownBlockReasonInstallingApp=正在安装 %1。
ShutdownBlockReasonUninstallingApp=正在卸载 %1。

[CustomMessages]
LaunchProgram=打开 %1
CreateDesktopIcon=在桌面创建快捷方式(&D)
AdditionalIcons=快捷方式：
UninstallProgram=卸载 %1
