# Runs the Pester suite in this (fresh) process and writes the counts build.ps1 adds to its total.
param(
    [Parameter(Mandatory)] [string] $PesterManifest,
    [Parameter(Mandatory)] [string[]] $Path,
    [Parameter(Mandatory)] [string] $SummaryPath,
    [Parameter(Mandatory)] [string] $ResultsDirectory
)
$ErrorActionPreference = 'Stop'
Import-Module $PesterManifest -Force

$config = New-PesterConfiguration
# -File hands a child pwsh one string: build.ps1 passes several paths comma-separated.
$config.Run.Path = @($Path -split ',' | Where-Object { $_ })
$config.Run.PassThru = $true
$config.Output.Verbosity = 'Detailed'
# No JUnit/NUnit report: Pester's writer crashes on ANSI colour codes in a failure message, which would lose the
# counts below. The console log and these counts are what CI reads.
$config.TestResult.Enabled = $false

$run = Invoke-Pester -Configuration $config
[pscustomobject]@{
    Name    = 'Pester'
    Passed  = $run.PassedCount
    # Failed containers (a BeforeAll that threw) hide their tests from FailedCount: count them too.
    Failed  = $run.FailedCount + $run.FailedBlocksCount + $run.FailedContainersCount
    Skipped = $run.SkippedCount + $run.NotRunCount
    # Names, so that the last lines of a red run (all a CI record may keep) say which test failed.
    FailedTests = @(@($run.Failed | ForEach-Object { $_.ExpandedPath }) + @($run.FailedBlocks | ForEach-Object { "$($_.Path -join ' ') (block)" }) +
        @($run.FailedContainers | ForEach-Object { "$($_.Item) (container)" }))
} | ConvertTo-Json | Set-Content $SummaryPath
