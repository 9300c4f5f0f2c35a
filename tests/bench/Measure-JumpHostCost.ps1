<#
.SYNOPSIS
    Measures what going through a jump host costs per device: the same lab devices opened (connect, log in, find the
    prompt, identify) and closed directly and through the lab's bastion sshd. Reports figures; there is no pass/fail.
.DESCRIPTION
    Sequential: -ThrottleLimit 1 over the fleet, so the per-device figure is the added latency of one session (the
    bastion connection itself is made once per run and counted in). Parallel: the whole fleet at -ThrottleLimit, where
    the one bastion connection carries every channel; the per-device figure is the wall-clock difference / fleet size.
    Direct and jump runs alternate, -Repeats times each; medians are reported. Both use the Compatible policy against
    the same devices (the lab's Release profile, so each release's own algorithms).
    Run after 'dotnet pwsh ./build.ps1 Build', as root (the lab runs its own sshd):
        dotnet pwsh tests/bench/Measure-JumpHostCost.ps1 [-FleetSize 50] [-Repeats 3] [-ThrottleLimit 16]
#>
[CmdletBinding()]
param(
    [int] $FleetSize = 50,
    [int] $Repeats = 3,
    [int] $ThrottleLimit = 16,
    [string] $Root = (Resolve-Path (Join-Path $PSScriptRoot '../..')).Path
)
$ErrorActionPreference = 'Stop'
Import-Module (Join-Path $Root 'out/SsmOnPrem.Lab/SsmOnPrem.Lab.psd1') -Force
Import-Module (Join-Path $Root 'SsmOnPrem.psd1') -Force

function Get-Median([double[]] $Values) { $s = @($Values | Sort-Object); [math]::Round($s[[int][math]::Floor(($s.Count - 1) / 2)], 1) }

# Opens and closes a session to every device; returns the wall-clock seconds. Any error stops the bench.
function Measure-Fleet([object[]] $Devices, [int] $Throttle) {
    $clock = [Diagnostics.Stopwatch]::StartNew()
    $sessions = @($Devices | New-SsmDeviceSession -ThrottleLimit $Throttle -WarningAction SilentlyContinue)
    $clock.Stop()
    $sessions | Remove-SsmDeviceSession
    if ($sessions.Count -ne $Devices.Count) { throw "only $($sessions.Count) of $($Devices.Count) sessions opened" }
    $clock.Elapsed.TotalSeconds
}

$lab = Start-SsmLab -DeviceCount $FleetSize -Platform mix -JumpHost
try {
    $viaJump = @($lab.Devices)
    $direct = @($lab.Devices | Select-Object * -ExcludeProperty JumpHost, JumpCredential, JumpHostKeyFingerprint)
    $null = Measure-Fleet $direct[0..1] 2; $null = Measure-Fleet $viaJump[0..1] 2   # warm-up (JIT, sshd caches)
    $rows = foreach ($throttle in 1, $ThrottleLimit) {
        $d = @(); $j = @()
        $forwardsBefore = (Get-SsmLab -Path $lab.Path).JumpForwardedSessions
        for ($r = 0; $r -lt $Repeats; $r++) {
            $d += Measure-Fleet $direct $throttle
            $j += Measure-Fleet $viaJump $throttle
        }
        $forwards = (Get-SsmLab -Path $lab.Path).JumpForwardedSessions - $forwardsBefore
        $dm = Get-Median $d; $jm = Get-Median $j
        [pscustomobject]@{
            ThrottleLimit        = $throttle
            Devices              = $FleetSize
            DirectSeconds        = $dm
            JumpSeconds          = $jm
            DirectMsPerDevice    = [math]::Round(1000 * $dm / $FleetSize, 0)
            JumpMsPerDevice      = [math]::Round(1000 * $jm / $FleetSize, 0)
            AddedMsPerDevice     = [math]::Round(1000 * ($jm - $dm) / $FleetSize, 0)
            ForwardedPerJumpRun  = $forwards / $Repeats
        }
    }
    $lab2 = Get-SsmLab -Path $lab.Path
    $rows | Format-Table -AutoSize | Out-String -Width 200
    "Bastion logins over the whole bench: $($lab2.JumpConnections) (one per jump run: $(2 * $Repeats + 1) runs); forwarded channels: $($lab2.JumpForwardedSessions)."
}
finally { $lab | Stop-SsmLab }
