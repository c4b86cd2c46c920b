@echo off
rem Starts the Crafty voice sidecar on the Java runtime it ships with (built by
rem packaging/build-runtime.sh). Its configuration comes from the environment, as with
rem "java -jar voice-server.jar"; the JVM flags are in ..\conf\crafty-sidecar.args.
setlocal
set "CRAFTY_HOME=%~dp0.."
set OPTIONS=

rem The class cache made by the training run: an AOT cache (JDK 25+) or an AppCDS archive. None
rem while the training run makes it (the JVM then refuses any other sharing option).
if exist "%CRAFTY_HOME%\lib\crafty.jsa" set OPTIONS="-XX:SharedArchiveFile=%CRAFTY_HOME%\lib\crafty.jsa"
if exist "%CRAFTY_HOME%\lib\crafty.aot" set OPTIONS="-XX:AOTCache=%CRAFTY_HOME%\lib\crafty.aot"

rem SQLite's native library for this system, unpacked at build time, so sqlite-jdbc does not
rem unpack its own copy into the temp directory at every start. Its "temp directory" is that folder
rem too: before loading, sqlite-jdbc lists the whole of it for copies it left there earlier, and
rem %TEMP% often holds thousands of files.
if exist "%CRAFTY_HOME%\lib\native\sqlitejdbc.dll" set OPTIONS=%OPTIONS% "-Dorg.sqlite.lib.path=%CRAFTY_HOME%\lib\native" "-Dorg.sqlite.lib.name=sqlitejdbc.dll" "-Dorg.sqlite.tmpdir=%CRAFTY_HOME%\lib\native"

rem The whisper.cpp and Piper libraries, unpacked at build time, so the in-process speech engines
rem do not unpack their own copies into the user's data directory.
if not defined SPEECH_NATIVES if exist "%CRAFTY_HOME%\lib\native\speech" set "SPEECH_NATIVES=%CRAFTY_HOME%\lib\native\speech"

"%CRAFTY_HOME%\bin\java.exe" "@%CRAFTY_HOME%\conf\crafty-sidecar.args" %OPTIONS% -jar "%CRAFTY_HOME%\app\voice-server.jar" %*
exit /b %ERRORLEVEL%
