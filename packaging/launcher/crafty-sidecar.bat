@echo off
rem Starts the Crafty voice sidecar on the Java runtime it ships with (built by
rem packaging/build-runtime.sh). Its configuration comes from the environment, as with
rem "java -jar voice-server.jar"; the JVM flags are in ..\conf\crafty-sidecar.args.
setlocal
set "CRAFTY_HOME=%~dp0.."

rem The class cache made by the training run: an AOT cache (JDK 25+) or an AppCDS archive. None
rem while the training run makes it (the JVM then refuses any other sharing option).
set "CACHE="
if exist "%CRAFTY_HOME%\lib\crafty.jsa" set "CACHE=-XX:SharedArchiveFile=%CRAFTY_HOME%\lib\crafty.jsa"
if exist "%CRAFTY_HOME%\lib\crafty.aot" set "CACHE=-XX:AOTCache=%CRAFTY_HOME%\lib\crafty.aot"

if defined CACHE (
  "%CRAFTY_HOME%\bin\java.exe" "@%CRAFTY_HOME%\conf\crafty-sidecar.args" "%CACHE%" -jar "%CRAFTY_HOME%\app\voice-server.jar" %*
) else (
  "%CRAFTY_HOME%\bin\java.exe" "@%CRAFTY_HOME%\conf\crafty-sidecar.args" -jar "%CRAFTY_HOME%\app\voice-server.jar" %*
)
exit /b %ERRORLEVEL%
