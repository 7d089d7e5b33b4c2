@echo off
rem EduTeach for the console: runs eduteach-cli.exe of the version that "current" names
rem (eduteach_desktop/update/layout.py). Updates add a version folder; this file never changes.
setlocal
set SLOT=
set /p SLOT=<"%~dp0current"
if not exist "%~dp0slots\%SLOT%\eduteach-cli.exe" (
  echo EduTeach: no program in "%~dp0slots\%SLOT%"; reinstall EduTeach 1>&2
  exit /b 127
)
"%~dp0slots\%SLOT%\eduteach-cli.exe" %*
exit /b %ERRORLEVEL%
