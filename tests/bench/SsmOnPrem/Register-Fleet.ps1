<#
.SYNOPSIS
    The SsmOnPrem contestant: Register-SsmDevice over the job's devices, in a fresh pwsh (the process measured).
.DESCRIPTION
    Same job file as the floor, Netmiko and Ansible (tests/bench/Bench.psm1, New-BenchJob). The token and the
    call-home URL are given (-Token, -Url) as they are to the other contestants; host keys are pinned from the lab.
#>
param(
    [Parameter(Mandatory)] [string] $JobPath,
    [Parameter(Mandatory)] [string] $ResultPath,
    [Parameter(Mandatory)] [string] $ModulePath
)
$ErrorActionPreference = 'Stop'
$clock = [Diagnostics.Stopwatch]::StartNew()
# How long pwsh took to reach this script (process start time to now): the part of the wall time no module can change.
$startedSeconds = ([datetime]::Now - [Diagnostics.Process]::GetCurrentProcess().StartTime).TotalSeconds
Import-Module $ModulePath
$importSeconds = $clock.Elapsed.TotalSeconds
# This process's CPU so far and what the JIT compiled (methods, and the time threads spent in it, waits included):
# where a short run's fixed cost goes (#20, docs/performance.md "Start-up").
function Get-CostNow { $p = [Diagnostics.Process]::GetCurrentProcess(); '{0:n2} s CPU, JIT {1:n2} s for {2} methods' -f $p.TotalProcessorTime.TotalSeconds, [Runtime.JitInfo]::GetCompilationTime().TotalSeconds, [Runtime.JitInfo]::GetCompiledMethodCount() }
$costAfterImport = Get-CostNow
if (-not (Get-Command Register-SsmDevice -ErrorAction SilentlyContinue)) {
    [IO.File]::WriteAllText($ResultPath, (@{ notAvailable = 'Register-SsmDevice is not in this build of the module yet' } | ConvertTo-Json))
    exit 3
}
$job = Get-Content $JobPath -Raw | ConvertFrom-Json
$byPort = @{}
$registerStart = $clock.Elapsed.TotalSeconds
$failures = $null
# Streamed, as a runbook pipes Import-Csv into the cmdlet: each device object (two credentials each) is built as the
# cmdlet takes it, not all 1,000 first (that alone left ~50 MB of garbage before the first connection).
$results = $job.devices | ForEach-Object {
    $byPort[[int]$_.port] = $_.name
    [pscustomobject]@{
        ComputerName       = $_.host
        Port               = [int]$_.port
        Credential         = [pscredential]::new($_.username, (ConvertTo-SecureString $_.password -AsPlainText -Force))
        EnableCredential   = [pscredential]::new('enable', (ConvertTo-SecureString $_.enableSecret -AsPlainText -Force))
        HostKeyFingerprint = $_.hostKeyFingerprint
    }
} | Register-SsmDevice -Token $job.token -Url $job.url -ThrottleLimit $job.concurrency -ErrorAction SilentlyContinue -ErrorVariable failures
$registerSeconds = $clock.Elapsed.TotalSeconds - $registerStart
$costAfterRegister = Get-CostNow
$out = foreach ($r in $results) {
    [ordered]@{
        name    = $byPort[[int]$r.Port]
        ok      = "$($r.Status)" -eq 'Registered'
        error   = if ("$($r.Status)" -ne 'Registered') { "$($r.Status) at $($r.FailureStage): $($r.FailureReason)" }
        seconds = $r.Duration.TotalSeconds
        kex     = $r.KeyExchange
    }
}
[IO.File]::WriteAllText($ResultPath, ([ordered]@{
    importSeconds = $importSeconds; registerSeconds = $registerSeconds; errors = @($failures).Count
    errorMessages = @($failures | ForEach-Object { "$($_.FullyQualifiedErrorId): $_" }); devices = @($out)
} | ConvertTo-Json -Depth 5))
$ok = @($out | Where-Object { $_.ok }).Count
Write-Host "ssmonprem: $ok/$($job.devices.Count) registered (pwsh start $([math]::Round($startedSeconds, 2)) s, import $([math]::Round($importSeconds, 2)) s, Register-SsmDevice $([math]::Round($registerSeconds, 2)) s, script $([math]::Round($clock.Elapsed.TotalSeconds, 2)) s; after import: $costAfterImport; after register: $costAfterRegister; at end: $(Get-CostNow))"
