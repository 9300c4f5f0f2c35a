# SsmOnPrem.Lab: starts and stops the lab process (dotnet SsmOnPrem.Lab.dll start) that holds every emulated device,
# its sshd instances and the On-Prem emulator. Everything it starts is recorded in <state>/lab.json and stopped by PID.
Set-StrictMode -Version 3.0

$script:LabDll = Join-Path $PSScriptRoot 'SsmOnPrem.Lab.dll'

function Get-DotnetPath {
    $candidates = @()
    if ($env:DOTNET_ROOT) { $candidates += Join-Path $env:DOTNET_ROOT 'dotnet' }
    $command = Get-Command dotnet -CommandType Application -ErrorAction SilentlyContinue | Select-Object -First 1
    if ($command) { $candidates += $command.Source }
    $candidates += '/usr/share/dotnet/dotnet', '/usr/lib/dotnet/dotnet', (Join-Path $HOME '.dotnet/dotnet')
    foreach ($c in $candidates) { if ($c -and (Test-Path $c)) { return $c } }
    throw 'The lab runs on .NET 10: no dotnet executable was found (set DOTNET_ROOT or put dotnet on PATH).'
}

function ConvertTo-LabObject([object] $Description) {
    $devices = foreach ($d in $Description.Devices) {
        [pscustomobject]@{
            PSTypeName                = 'SsmOnPrem.Lab.Device'
            Name                      = $d.Name
            ComputerName              = $d.ComputerName
            Port                      = [int]$d.Port
            Platform                  = $d.Platform
            Release                   = $d.Release
            Model                     = $d.Model
            SerialNumber              = $d.SerialNumber
            Udi                       = $d.Udi
            SmartLicensingUsingPolicy = [bool]$d.SmartLicensingUsingPolicy
            Credential                = [pscredential]::new($d.Username, (ConvertTo-SecureString $d.Password -AsPlainText -Force))
            EnableCredential          = [pscredential]::new('enable', (ConvertTo-SecureString $d.EnableSecret -AsPlainText -Force))
            HostKeyFingerprint        = $d.HostKeyFingerprint
        }
    }
    $api = if ($Description.ClientId) { [pscredential]::new($Description.ClientId, (ConvertTo-SecureString $Description.ClientSecret -AsPlainText -Force)) }
    [pscustomobject]@{
        PSTypeName            = 'SsmOnPrem.Lab.Lab'
        OnPremServer          = $Description.OnPremServer
        CertificateThumbprint = $Description.CertificateThumbprint
        Account               = $Description.Account
        VirtualAccount        = $Description.VirtualAccount
        ApiCredential         = $api
        Devices               = @($devices)
        Path                  = $Description.StateDirectory
        ProcessId             = [int]$Description.LabProcessId
        SshdProcessId         = @($Description.SshdProcessIds | ForEach-Object { [int]$_ })
        StartSeconds          = $Description.StartSeconds
    }
}

function Read-LabDescription([string] $Path) {
    $file = Join-Path $Path 'lab.json'
    if (-not (Test-Path $file)) { throw "No lab is described at '$file'." }
    Get-Content $file -Raw | ConvertFrom-Json
}

function Start-SsmLab {
    <#
    .SYNOPSIS
        Starts a lab: the SSM On-Prem emulator and N emulated Cisco devices behind the lab's own sshd on 127.0.0.1.
    .EXAMPLE
        $lab = Start-SsmLab -DeviceCount 5; ssh -p $lab.Devices[0].Port ssmlab@127.0.0.1
    #>
    [CmdletBinding()]
    [OutputType('SsmOnPrem.Lab.Lab')]
    param(
        [ValidateRange(1, 5000)] [int] $DeviceCount = 5,
        # 'mix' (every platform in turn) or a list of IOS-XE-16, IOS-XE-17, NX-OS-9, NX-OS-10, IOS-XR, ASA.
        [string[]] $Platform = @('mix'),
        [ValidateRange(0, 600000)] [int] $RegistrationDelayMs = 1500,
        # The state folder (default: a new folder under the temp directory). It holds lab.json, logs, sshd configs.
        [string] $Path,
        [int] $TimeoutSec = 300
    )
    if (-not $IsLinux) { throw 'The lab runs on Linux only (it runs its own OpenSSH sshd).' }
    if (-not (Test-Path '/usr/sbin/sshd')) { throw "The lab needs OpenSSH's sshd. Install it with: sudo apt-get install -y openssh-server" }
    if ((& id -u) -ne '0') { throw 'The lab must run as root: it creates the login user ssmlab and runs its own sshd on loopback.' }
    if (-not (Test-Path $script:LabDll)) { throw "The lab is not built: $script:LabDll is missing. Run: dotnet pwsh ./build.ps1 Build" }
    if (-not $Path) { $Path = Join-Path ([IO.Path]::GetTempPath()) ('ssmonprem-lab-' + [guid]::NewGuid().ToString('N').Substring(0, 12)) }
    $Path = [IO.Path]::GetFullPath($Path)
    if (Test-Path (Join-Path $Path 'lab.json')) { throw "A lab already uses '$Path'. Stop it first: Stop-SsmLab -Path '$Path'" }
    New-Item -ItemType Directory $Path -Force | Out-Null
    $log = Join-Path $Path 'lab.log'
    $arguments = @($script:LabDll, 'start', '--devices', $DeviceCount, '--platform', ($Platform -join ','), '--state', $Path, '--registration-delay-ms', $RegistrationDelayMs)
    Write-Verbose "Starting the lab: dotnet $($arguments -join ' ')"
    # setsid: the lab outlives this PowerShell and holds none of its pipes (a caller reading our output would hang).
    $env:SSMONPREM_LAB_LOG = $log
    try { & /usr/bin/setsid -f /bin/sh -c 'exec "$0" "$@" </dev/null >>"$SSMONPREM_LAB_LOG" 2>&1' (Get-DotnetPath) @arguments 2>&1 | Out-Null }
    finally { Remove-Item Env:SSMONPREM_LAB_LOG -ErrorAction SilentlyContinue }
    $deadline = [DateTime]::UtcNow.AddSeconds($TimeoutSec)
    $pidFile = Join-Path $Path 'lab.pid'
    while (-not (Test-Path (Join-Path $Path 'lab.json'))) {
        if ([DateTime]::UtcNow -gt $deadline) { throw "The lab did not start within $TimeoutSec s; see $log" }
        if ((Test-Path $pidFile) -and -not (Test-Path "/proc/$((Get-Content $pidFile -Raw).Trim())")) {
            throw "The lab failed to start: $((Get-Content $log -Raw -ErrorAction SilentlyContinue))"
        }
        Start-Sleep -Milliseconds 100
    }
    ConvertTo-LabObject (Read-LabDescription $Path)
}

function Get-SsmLab {
    <# .SYNOPSIS Reads a running lab's description from its state folder. #>
    [CmdletBinding()]
    [OutputType('SsmOnPrem.Lab.Lab')]
    param([Parameter(Mandatory, ValueFromPipelineByPropertyName)] [string] $Path)
    process { ConvertTo-LabObject (Read-LabDescription $Path) }
}

# The command line of a live process, or $null. Used to make sure a PID still belongs to the lab before killing it.
function Get-ProcessCommandLine([int] $Id) {
    $file = "/proc/$Id/cmdline"
    if (-not (Test-Path $file)) { return $null }
    try { ([IO.File]::ReadAllText($file)) -replace "`0", ' ' } catch { $null }
}

function Get-ChildProcessId([int] $Id) {
    foreach ($dir in Get-ChildItem /proc -Directory -ErrorAction SilentlyContinue | Where-Object Name -Match '^\d+$') {
        try {
            $stat = [IO.File]::ReadAllText("/proc/$($dir.Name)/stat")
            $ppid = [int](($stat.Substring($stat.LastIndexOf(')') + 2)).Split(' ')[1])
            if ($ppid -eq $Id) { [int]$dir.Name }
        } catch { }
    }
}

function Stop-SsmLab {
    <#
    .SYNOPSIS
        Stops a lab: exactly the processes it started (the lab process, its sshd instances and their sessions), by PID.
    #>
    [CmdletBinding(SupportsShouldProcess)]
    param(
        [Parameter(Mandatory, ValueFromPipelineByPropertyName)] [string] $Path,
        # Keep the state folder (logs, configs) instead of deleting it.
        [switch] $KeepState
    )
    process {
        $description = Read-LabDescription $Path
        if (-not $PSCmdlet.ShouldProcess("lab at $Path (PID $($description.LabProcessId))", 'Stop')) { return }
        $owned = [System.Collections.Generic.List[int]]::new()
        foreach ($sshdPid in $description.SshdProcessIds) {
            if ("$(Get-ProcessCommandLine $sshdPid)".Contains($Path)) {
                $owned.Add([int]$sshdPid)
                foreach ($child in Get-ChildProcessId $sshdPid) { $owned.Add($child) }   # its SSH sessions
            }
        }
        $labPid = [int]$description.LabProcessId
        if ("$(Get-ProcessCommandLine $labPid)".Contains($Path)) {
            & kill -TERM $labPid 2>$null
            $deadline = [DateTime]::UtcNow.AddSeconds(10)
            while ((Test-Path "/proc/$labPid") -and [DateTime]::UtcNow -lt $deadline) { Start-Sleep -Milliseconds 50 }
            $owned.Add($labPid)
        }
        foreach ($id in $owned) {
            if (Test-Path "/proc/$id") { & kill -KILL $id 2>$null }
        }
        Remove-Item (Join-Path $Path 'lab.json') -Force -ErrorAction SilentlyContinue
        if (-not $KeepState) { Remove-Item $Path -Recurse -Force -ErrorAction SilentlyContinue }
    }
}

function Invoke-LabAdmin([string] $Path, [hashtable] $Request) {
    $description = Read-LabDescription $Path
    $client = [System.Net.Sockets.TcpClient]::new()
    try {
        $client.Connect('127.0.0.1', [int]$description.SessionPort)
        $stream = $client.GetStream()
        $writer = [IO.StreamWriter]::new($stream, [Text.UTF8Encoding]::new($false))
        $writer.Write("SSMADMIN $($description.AdminToken) $($Request | ConvertTo-Json -Compress)`n")
        $writer.Flush()
        $reply = [IO.StreamReader]::new($stream).ReadLine() | ConvertFrom-Json
        if (-not $reply.ok) { throw "Lab admin request failed: $($reply.error)" }
        $reply
    }
    finally { $client.Dispose() }
}

function Set-SsmLabDevice {
    <#
    .SYNOPSIS
        Sets fault knobs on a lab device: latency, dropped output, refused authentication, a new host key,
        a registration failure reason, a hanging command, registration stuck in progress, a per-device registration delay;
        -Reload drops the unsaved configuration changes (the running configuration becomes 'show startup-config').
    #>
    [CmdletBinding(SupportsShouldProcess)]
    [OutputType('SsmOnPrem.Lab.Device')]
    param(
        [Parameter(Mandatory)] [string] $Path,
        [Parameter(Mandatory, ValueFromPipelineByPropertyName)] [string] $Name,
        [int] $LatencyMs,
        [bool] $DropMidOutput,
        [bool] $RefuseAuthentication,
        # Commands starting with this text never answer ('*' = every command; '' clears it).
        [string] $HangCommand,
        # Registration fails with this reason without calling the server ('' clears it).
        [string] $RegistrationFailure,
        [bool] $RegistrationStuck,
        # This device's registration/trust/report delay in ms (-1: back to the lab's -RegistrationDelayMs).
        [ValidateRange(-1, 600000)] [int] $RegistrationDelayMs,
        [switch] $ChangeHostKey,
        # Reloads the device: the running configuration becomes the startup configuration (unsaved changes are lost).
        [switch] $Reload
    )
    process {
        $request = @{ op = 'set'; device = $Name }
        foreach ($key in 'LatencyMs', 'DropMidOutput', 'RefuseAuthentication', 'HangCommand', 'RegistrationFailure', 'RegistrationStuck', 'RegistrationDelayMs') {
            if ($PSBoundParameters.ContainsKey($key)) { $request[$key] = $PSBoundParameters[$key] }
        }
        if ($ChangeHostKey) { $request.changeHostKey = $true }
        if ($Reload) { $request.reload = $true }
        if (-not $PSCmdlet.ShouldProcess($Name, "Set lab faults $($request | ConvertTo-Json -Compress)")) { return }
        $reply = Invoke-LabAdmin -Path $Path -Request $request
        (ConvertTo-LabObject $reply.lab).Devices | Where-Object Name -EQ $Name
    }
}

function Reset-SsmLab {
    <# .SYNOPSIS Unregisters every device, restores factory configuration and clears fault knobs (for benchmarks). #>
    [CmdletBinding(SupportsShouldProcess)]
    param([Parameter(Mandatory, ValueFromPipelineByPropertyName)] [string] $Path)
    process {
        if ($PSCmdlet.ShouldProcess($Path, 'Reset every lab device')) { $null = Invoke-LabAdmin -Path $Path -Request @{ op = 'reset' } }
    }
}

Export-ModuleMember -Function Start-SsmLab, Stop-SsmLab, Set-SsmLabDevice, Reset-SsmLab, Get-SsmLab
