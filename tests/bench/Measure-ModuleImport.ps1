<#
.SYNOPSIS
    'Import-Module SsmOnPrem' time in fresh pwsh 7 processes, and the latency of the first cmdlet after it.
.DESCRIPTION
    Each sample is a new 'pwsh -NoProfile -NonInteractive' process that times, with a Stopwatch inside the process,
    Import-Module of the built module, then the first call of a cmdlet that loads the engine
    (ConvertFrom-SsmLicenseOutput on a captured 'show license status'). Prints one object with the medians and
    min–max; Invoke-Benchmark.ps1 puts them in the report.
#>
param(
    [string] $Root = (Resolve-Path (Join-Path $PSScriptRoot '../..')).Path,
    [int] $Count = 10
)
$ErrorActionPreference = 'Stop'
Import-Module (Join-Path $PSScriptRoot 'Bench.psm1') -Force
$manifest = Join-Path $Root 'SsmOnPrem.psd1'
$sample = Get-ChildItem (Join-Path $Root 'tests/fixtures/device-outputs') -Filter '*show-license-status*' | Select-Object -First 1
$probe = @"
`$w = [Diagnostics.Stopwatch]::StartNew()
Import-Module '$manifest'
`$import = `$w.Elapsed.TotalMilliseconds
`$w.Restart()
`$null = ConvertFrom-SsmLicenseOutput -InputObject ([IO.File]::ReadAllText('$($sample.FullName)'))
`$first = `$w.Elapsed.TotalMilliseconds
"`$import `$first"
"@
$pwsh = Get-BenchPwshPath
$samples = foreach ($i in 1..$Count) {
    $line = & $pwsh -NoProfile -NonInteractive -EncodedCommand ([Convert]::ToBase64String([Text.Encoding]::Unicode.GetBytes($probe))) | Select-Object -Last 1
    $parts = "$line".Split(' ')
    [pscustomobject]@{ ImportMs = [double]::Parse($parts[0], [Globalization.CultureInfo]::InvariantCulture); FirstCmdletMs = [double]::Parse($parts[1], [Globalization.CultureInfo]::InvariantCulture) }
}
[pscustomobject]@{
    Samples          = $Count
    ImportMsMedian   = Get-Median ($samples | ForEach-Object ImportMs)
    ImportMsMin      = ($samples | Measure-Object ImportMs -Minimum).Minimum
    ImportMsMax      = ($samples | Measure-Object ImportMs -Maximum).Maximum
    FirstCmdletMsMedian = Get-Median ($samples | ForEach-Object FirstCmdletMs)
    FirstCmdletMsMin = ($samples | Measure-Object FirstCmdletMs -Minimum).Minimum
    FirstCmdletMsMax = ($samples | Measure-Object FirstCmdletMs -Maximum).Maximum
}
