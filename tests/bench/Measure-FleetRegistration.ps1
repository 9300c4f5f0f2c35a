<#
.SYNOPSIS
    Wall time of Register-SsmDevice for a lab fleet (default 100 devices, every platform in turn) at several
    -ThrottleLimit values. Reports figures; nothing passes or fails.
.DESCRIPTION
    One lab for all runs; before each run Reset-SsmLab puts every device back to factory configuration, unregistered.
    Each run is the full procedure per device (identify, transport, ping, register or trust + sync, wait, verify)
    against the HTTPS On-Prem emulator, with the lab's registration delay (the time the emulated agent takes).
.EXAMPLE
    dotnet pwsh ./tests/bench/Measure-FleetRegistration.ps1 -ThrottleLimit 1, 16, 64
#>
[CmdletBinding()]
param(
    [string] $Root = (Resolve-Path (Join-Path $PSScriptRoot '../..')).Path,
    [int] $DeviceCount = 100,
    [int[]] $ThrottleLimit = @(1, 16, 64),
    [int] $RegistrationDelayMs = 300
)

$ErrorActionPreference = 'Stop'
Import-Module (Join-Path $Root 'out/SsmOnPrem.Lab/SsmOnPrem.Lab.psd1') -Force
Import-Module (Join-Path $Root 'SsmOnPrem.psd1') -Force

$lab = Start-SsmLab -DeviceCount $DeviceCount -Platform mix -RegistrationDelayMs $RegistrationDelayMs
try {
    $server = [uri]$lab.OnPremServer
    $null = Connect-SsmOnPrem -Server $server.Host -Port $server.Port -DevicePort $server.Port -Credential $lab.ApiCredential `
        -CertificateThumbprint $lab.CertificateThumbprint -Account $lab.Account -VirtualAccount $lab.VirtualAccount
    $rows = foreach ($limit in $ThrottleLimit) {
        # Reset-SsmLab also re-seeds the On-Prem emulator (tokens included): a fresh token per run.
        Reset-SsmLab -Path $lab.Path -Confirm:$false
        $token = New-SsmToken -Description "fleet benchmark, ThrottleLimit $limit" -MaxUses $DeviceCount
        $clock = [Diagnostics.Stopwatch]::StartNew()
        $results = $lab.Devices | Register-SsmDevice -Token $token -ThrottleLimit $limit -ErrorAction SilentlyContinue
        $clock.Stop()
        $process = Get-Process -Id $PID
        [pscustomobject]@{
            ThrottleLimit    = $limit
            Devices          = $DeviceCount
            Succeeded        = @($results | Where-Object Status -In 'Registered', 'Reported').Count
            Failed           = @($results | Where-Object Status -EQ 'Failed').Count
            WallSeconds      = [math]::Round($clock.Elapsed.TotalSeconds, 1)
            DevicesPerSecond = [math]::Round($DeviceCount / $clock.Elapsed.TotalSeconds, 2)
            MedianDeviceSec  = [math]::Round((@($results.Duration.TotalSeconds | Sort-Object))[[int]($results.Count / 2)], 2)
            PeakWorkingSetMB = [math]::Round($process.PeakWorkingSet64 / 1MB)
        }
        $failed = $results | Where-Object Status -EQ 'Failed' | Select-Object -First 3
        foreach ($f in $failed) { Write-Host "  ThrottleLimit ${limit}: $($f.Hostname) failed at $($f.FailureStage): $($f.FailureReason)" }
    }
    Write-Host "Register-SsmDevice, $DeviceCount lab devices (mix of IOS-XE 16/17, NX-OS 9/10, IOS-XR, ASA), registration delay $RegistrationDelayMs ms, $([Environment]::ProcessorCount) cores:"
    $rows | Format-Table -AutoSize | Out-String -Width 150 | Write-Host
    $rows
}
finally {
    Disconnect-SsmOnPrem -ErrorAction SilentlyContinue
    $lab | Stop-SsmLab
}
