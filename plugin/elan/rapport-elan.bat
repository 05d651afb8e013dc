@echo off
rem SPDX-License-Identifier: MIT
rem ELAN runs recognizers without PATH: use the engine next to this file.
set "HERE=%~dp0"
set "RAPPORT_DATA_DIR=%HERE%share\rapport"
set "PATH=%HERE%bin;%SystemRoot%\system32"
"%HERE%bin\rapport-elan.exe" %*
