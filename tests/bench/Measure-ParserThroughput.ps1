<#
.SYNOPSIS
    Parser throughput through the built module: MB/s for a 1 MB single line and for ~50 MB of concatenated outputs.
.DESCRIPTION
    A figure to report, not a pass/fail test. Build first (dotnet pwsh ./build.ps1 Build), then:
        dotnet pwsh ./tests/bench/Measure-ParserThroughput.ps1 [-ConcatenatedMB 50] [-Repeat 3]
    Sizes are in MB of text (1 MB = 1,048,576 characters). Each case runs -Repeat times after a warm-up; the best
    and the median are printed.
#>
param(
    [int] $ConcatenatedMB = 50,
    [int] $Repeat = 3
)
$ErrorActionPreference = 'Stop'
$root = (Resolve-Path (Join-Path $PSScriptRoot '../..')).Path
Import-Module (Join-Path $root 'SsmOnPrem.psd1') -Force
$fixtures = Join-Path $root 'tests/fixtures/device-outputs'

function Measure-Case([string] $Name, [string] $Text) {
    ConvertFrom-SsmLicenseOutput -InputObject $Text.Substring(0, [Math]::Min(20000, $Text.Length)) -ErrorAction SilentlyContinue | Out-Null  # warm-up
    $seconds = foreach ($i in 1..$Repeat) {
        [GC]::Collect()
        $watch = [Diagnostics.Stopwatch]::StartNew()
        ConvertFrom-SsmLicenseOutput -InputObject $Text | Out-Null
        $watch.Stop()
        $watch.Elapsed.TotalSeconds
    }
    $sorted = $seconds | Sort-Object
    $mb = $Text.Length / 1MB
    [pscustomobject]@{
        Case          = $Name
        SizeMB        = [Math]::Round($mb, 1)
        BestSeconds   = [Math]::Round($sorted[0], 3)
        MedianSeconds = [Math]::Round($sorted[[int][Math]::Floor($sorted.Count / 2)], 3)
        BestMBps      = [Math]::Round($mb / $sorted[0], 1)
        MedianMBps    = [Math]::Round($mb / $sorted[[int][Math]::Floor($sorted.Count / 2)], 1)
    }
}

$status = Get-Content -Raw (Join-Path $fixtures 'iosxe16_show-license-status_registered.txt')
$oneLine = $status.Replace('  Smart Account: Cisco Systems, TAC', '  Smart Account: ' + ('x' * 1MB))

$all = (Get-ChildItem $fixtures -Filter *.txt | Where-Object Name -Match '_show-license-(all|status|summary|usage|tech-support)' |
    ForEach-Object { Get-Content -Raw $_.FullName }) -join "`n"
$builder = [Text.StringBuilder]::new($ConcatenatedMB * 1MB + $all.Length)
while ($builder.Length -lt $ConcatenatedMB * 1MB) { [void]$builder.Append($all).Append("`n") }
$concatenated = $builder.ToString()

$results = @(
    Measure-Case '1 MB single line in show license status' $oneLine
    Measure-Case "$ConcatenatedMB MB of concatenated show license outputs" $concatenated
)
$results
