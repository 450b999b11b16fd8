@echo off
rem Walscope launcher for Windows (the product root carries it; there is no native launcher).
rem   walscope                 open the workbench window (javaw, no console)
rem   walscope --demo          open it with the built-in demo database (needs Linux x86_64 for the server itself)
rem   walscope COMMAND ...     run a headless command (version, info, check, tail, ...)
rem Needs Java 17+: JAVA_HOME, else java/javaw on the PATH. WALSCOPE_HOME (default %USERPROFILE%\.walscope),
rem WALSCOPE_XMX (default 1g) and WALSCOPE_JAVA_OPTS as on Linux.
setlocal EnableExtensions
set "HERE=%~dp0"
set "LAUNCHER="
for %%f in ("%HERE%plugins\org.eclipse.equinox.launcher_*.jar") do set "LAUNCHER=%%~ff"
if not defined LAUNCHER (
  echo walscope: no plugins\org.eclipse.equinox.launcher_*.jar next to this script; unpack the whole archive. 1>&2
  exit /b 2
)
set "JAVA=java"
set "JAVAW=javaw"
if defined JAVA_HOME (
  set "JAVA=%JAVA_HOME%\bin\java.exe"
  set "JAVAW=%JAVA_HOME%\bin\javaw.exe"
)
if not defined WALSCOPE_HOME set "WALSCOPE_HOME=%USERPROFILE%\.walscope"
if not defined WALSCOPE_XMX set "WALSCOPE_XMX=1g"
if not exist "%WALSCOPE_HOME%" mkdir "%WALSCOPE_HOME%"
set "ARG1=%~1"
if "%ARG1%"=="" goto window
if "%ARG1%"=="--help" goto command
if "%ARG1%"=="-h" goto command
if "%ARG1%"=="--version" goto command
if "%ARG1%"=="-V" goto command
if "%ARG1:~0,1%"=="-" goto window

:command
set "CLI=configuration"
if exist "%HERE%cli-configuration\config.ini" set "CLI=cli-configuration"
"%JAVA%" -Xmx%WALSCOPE_XMX% -XX:TieredStopAtLevel=1 -XX:+UseSerialGC %WALSCOPE_JAVA_OPTS% -Djava.awt.headless=true ^
  -Dosgi.sharedConfiguration.area="%HERE%%CLI%" -Dosgi.configuration.cascaded=true ^
  -jar "%LAUNCHER%" -configuration "%WALSCOPE_HOME%\%CLI%" -data @none -application io.walscope.cli.app -nosplash %*
exit /b %ERRORLEVEL%

:window
start "Walscope" "%JAVAW%" -Xmx%WALSCOPE_XMX% -XX:+UseG1GC %WALSCOPE_JAVA_OPTS% ^
  -Dosgi.sharedConfiguration.area="%HERE%configuration" -Dosgi.configuration.cascaded=true ^
  -jar "%LAUNCHER%" -configuration "%WALSCOPE_HOME%\configuration" -data "%WALSCOPE_HOME%\workspace" ^
  -application io.walscope.app.application -nosplash %*
exit /b 0
