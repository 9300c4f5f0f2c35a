<#
.SYNOPSIS
    Measures what our device session costs over raw SSH.NET on the same lab device: connect-to-prompt latency and
    per-command overhead, plus a parallel connect of a small fleet. Reports figures; there is no pass/fail.
.DESCRIPTION
    Raw SSH.NET baseline: SshClient.Connect + CreateShellStream + ShellStream.Expect(prompt regex), then per command
    WriteLine + Expect(prompt). Ours: DeviceSession.Open (connect, find and confirm the prompt) and
    DeviceSession.Invoke (validate, read to the echo and the next prompt, strip, split syslog, detect CLI errors).
    Both use the SSH.NET assembly the module loads (from its isolated load context), against the same device.
    Run after 'dotnet pwsh ./build.ps1 Build', as root (the lab runs its own sshd):
        dotnet pwsh tests/bench/Measure-SessionOverhead.ps1 [-Iterations 30] [-FleetSize 32]
#>
[CmdletBinding()]
param(
    [int] $Iterations = 30,
    [int] $CommandsPerSession = 30,
    [int] $FleetSize = 32,
    [int] $ThrottleLimit = 16,
    [string] $Root = (Resolve-Path (Join-Path $PSScriptRoot '../..')).Path
)
$ErrorActionPreference = 'Stop'
Import-Module (Join-Path $Root 'out/SsmOnPrem.Lab/SsmOnPrem.Lab.psd1') -Force
Import-Module (Join-Path $Root 'SsmOnPrem.psd1') -Force

function Get-Stats([double[]] $Values) {
    $sorted = $Values | Sort-Object
    [pscustomobject]@{
        Median = [math]::Round($sorted[[int][math]::Floor(($sorted.Count - 1) / 2)], 2)
        P90    = [math]::Round($sorted[[int][math]::Floor(($sorted.Count - 1) * 0.9)], 2)
        Mean   = [math]::Round(($sorted | Measure-Object -Average).Average, 2)
    }
}

$lab = Start-SsmLab -DeviceCount ([math]::Max($FleetSize, 1)) -Platform IOS-XE-17
try {
    $device = $lab.Devices[0]
    $user = $device.Credential.UserName
    $password = $device.Credential.GetNetworkCredential().Password
    $ct = [Threading.CancellationToken]::None

    # The engine and SSH.NET as the module loaded them (a private AssemblyLoadContext on PowerShell 7).
    $warm = $device | New-SsmDeviceSession
    $engine = $warm.GetType().Assembly
    $context = [System.Runtime.Loader.AssemblyLoadContext]::GetLoadContext($engine)
    $ssh = $context.LoadFromAssemblyName([Reflection.AssemblyName]'Renci.SshNet')
    $warm.Close()
    $optionsType = $engine.GetType('SsmOnPrem.Client.Devices.DeviceConnectionOptions')
    $sessionType = $engine.GetType('SsmOnPrem.Client.Devices.DeviceSession')
    $open = $sessionType.GetMethod('Open')
    $policy = $engine.GetType('SsmOnPrem.Client.Devices.HostKeys.HostKeyPolicy')

    function New-OurSession([switch] $Ready) {
        $o = [Activator]::CreateInstance($optionsType)
        $o.ComputerName = $device.ComputerName; $o.Port = $device.Port
        $o.Credential = [Net.NetworkCredential]::new($user, $password)
        $o.HostKeyPolicy = [Enum]::Parse($policy, 'Pinned'); $o.HostKeyFingerprint = $device.HostKeyFingerprint
        if ($Ready) { $o.EnableCredential = $device.EnableCredential.GetNetworkCredential() }
        else { $o.DisablePaging = $false; $o.DetectPlatform = $false }
        $open.Invoke($null, @($o, $ct))
    }

    $promptRegex = [regex]'(?m)^[\w.\-]+[>#] ?$'
    function New-RawSession {
        $auth = [Activator]::CreateInstance($ssh.GetType('Renci.SshNet.PasswordAuthenticationMethod'), @($user, $password))
        $methods = [Array]::CreateInstance($ssh.GetType('Renci.SshNet.AuthenticationMethod'), 1); $methods[0] = $auth
        $info = [Activator]::CreateInstance($ssh.GetType('Renci.SshNet.ConnectionInfo'), @($device.ComputerName, $device.Port, $user, $methods))
        $client = [Activator]::CreateInstance($ssh.GetType('Renci.SshNet.SshClient'), @($info))
        $client.Connect()
        $shell = $client.CreateShellStream('vt100', 511, 24, 0, 0, 65536)
        if ($null -eq $shell.Expect($promptRegex, [TimeSpan]::FromSeconds(10))) { throw 'raw: no prompt' }
        [pscustomobject]@{ Client = $client; Shell = $shell }
    }

    # --- connect to prompt ---
    $rawConnect = @(); $ourConnect = @(); $ourReady = @()
    for ($i = 0; $i -lt $Iterations; $i++) {
        $sw = [Diagnostics.Stopwatch]::StartNew(); $r = New-RawSession; $rawConnect += $sw.Elapsed.TotalMilliseconds; $r.Client.Dispose()
        $sw.Restart(); $s = New-OurSession; $ourConnect += $sw.Elapsed.TotalMilliseconds; $s.Close()
        $sw.Restart(); $s = New-OurSession -Ready; $ourReady += $sw.Elapsed.TotalMilliseconds; $s.Close()
    }

    # --- per command (show clock: one line of output) ---
    $raw = New-RawSession
    $our = New-OurSession
    # Paging off on both, so neither meets --More--.
    $raw.Shell.WriteLine('terminal length 0'); $null = $raw.Shell.Expect($promptRegex, [TimeSpan]::FromSeconds(10))
    $null = $our.Invoke('terminal length 0', $null, $ct)
    $rawCommand = @(); $ourCommand = @()
    for ($i = 0; $i -lt $CommandsPerSession; $i++) {
        $sw = [Diagnostics.Stopwatch]::StartNew()
        $raw.Shell.WriteLine('show clock')
        if ($null -eq $raw.Shell.Expect($promptRegex, [TimeSpan]::FromSeconds(10))) { throw 'raw: no prompt after command' }
        $rawCommand += $sw.Elapsed.TotalMilliseconds
        $sw.Restart(); $null = $our.Invoke('show clock', $null, $ct); $ourCommand += $sw.Elapsed.TotalMilliseconds
    }
    # A long output (show running-config) to see the cost of terminal emulation and syslog splitting per byte.
    $rawLong = @(); $ourLong = @()
    for ($i = 0; $i -lt 10; $i++) {
        $sw = [Diagnostics.Stopwatch]::StartNew()
        $raw.Shell.WriteLine('show version')
        if ($null -eq $raw.Shell.Expect([regex]'(?m)^[\w.\-]+[>#] ?$', [TimeSpan]::FromSeconds(10))) { throw 'raw: no prompt after show version' }
        $rawLong += $sw.Elapsed.TotalMilliseconds
        $sw.Restart(); $null = $our.Invoke('show version', $null, $ct); $ourLong += $sw.Elapsed.TotalMilliseconds
    }
    $raw.Client.Dispose(); $our.Close()

    # --- fleet: ready sessions through the cmdlet, in parallel ---
    $fleet = $null
    if ($FleetSize -gt 1) {
        $sw = [Diagnostics.Stopwatch]::StartNew()
        $sessions = $lab.Devices | New-SsmDeviceSession -ThrottleLimit $ThrottleLimit
        $fleet = [pscustomobject]@{ Devices = $sessions.Count; Seconds = [math]::Round($sw.Elapsed.TotalSeconds, 2); DevicesPerSecond = [math]::Round($sessions.Count / $sw.Elapsed.TotalSeconds, 1) }
        $sessions | Remove-SsmDeviceSession
    }

    $rows = @(
        [pscustomobject]@{ Measure = 'connect to prompt: raw SSH.NET'; Unit = 'ms' } | Add-Member -PassThru NoteProperty Stats (Get-Stats $rawConnect)
        [pscustomobject]@{ Measure = 'connect to prompt: our session (prompt confirmed)'; Unit = 'ms' } | Add-Member -PassThru NoteProperty Stats (Get-Stats $ourConnect)
        [pscustomobject]@{ Measure = 'connect to ready: ours (+enable, paging, width, show version)'; Unit = 'ms' } | Add-Member -PassThru NoteProperty Stats (Get-Stats $ourReady)
        [pscustomobject]@{ Measure = "command 'show clock': raw Expect"; Unit = 'ms' } | Add-Member -PassThru NoteProperty Stats (Get-Stats $rawCommand)
        [pscustomobject]@{ Measure = "command 'show clock': our Invoke"; Unit = 'ms' } | Add-Member -PassThru NoteProperty Stats (Get-Stats $ourCommand)
        [pscustomobject]@{ Measure = "command 'show version' (~4 KB): raw Expect"; Unit = 'ms' } | Add-Member -PassThru NoteProperty Stats (Get-Stats $rawLong)
        [pscustomobject]@{ Measure = "command 'show version' (~4 KB): our Invoke"; Unit = 'ms' } | Add-Member -PassThru NoteProperty Stats (Get-Stats $ourLong)
    )
    $rows | Select-Object Measure, @{ n = 'Median'; e = { $_.Stats.Median } }, @{ n = 'P90'; e = { $_.Stats.P90 } }, @{ n = 'Mean'; e = { $_.Stats.Mean } }, Unit | Format-Table -AutoSize | Out-String -Width 200 | Write-Host
    $overhead = (Get-Stats $ourCommand).Median - (Get-Stats $rawCommand).Median
    Write-Host ("Per-command overhead (median, ours - raw): {0:N2} ms; connect-to-prompt overhead (median): {1:N2} ms" -f $overhead, ((Get-Stats $ourConnect).Median - (Get-Stats $rawConnect).Median))
    if ($fleet) { Write-Host ("Fleet: {0} ready sessions (enable, paging off, identified) at -ThrottleLimit {1} in {2} s = {3} devices/s" -f $fleet.Devices, $ThrottleLimit, $fleet.Seconds, $fleet.DevicesPerSecond) }
    $rows
}
finally {
    $lab | Stop-SsmLab
}
