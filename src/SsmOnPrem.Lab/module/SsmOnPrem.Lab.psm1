# SsmOnPrem.Lab: starts and stops the lab process (dotnet SsmOnPrem.Lab.dll start) that holds every emulated device,
# its sshd instances and the On-Prem emulator. Everything it starts is recorded in <state>/lab.json and stopped by PID.
Set-StrictMode -Version 3.0

$script:LabDll = Join-Path $PSScriptRoot 'SsmOnPrem.Lab.dll'
# The state folders of the labs this session started (Get-SsmLab / Stop-SsmLab without -Path use them).
$script:StartedLabs = [System.Collections.Generic.List[string]]::new()

function Get-DotnetPath {
    $candidates = @()
    if ($env:DOTNET_ROOT) { $candidates += Join-Path $env:DOTNET_ROOT 'dotnet' }
    $command = Get-Command dotnet -CommandType Application -ErrorAction SilentlyContinue | Select-Object -First 1
    if ($command) { $candidates += $command.Source }
    $candidates += '/usr/share/dotnet/dotnet', '/usr/lib/dotnet/dotnet', (Join-Path $HOME '.dotnet/dotnet')
    foreach ($c in $candidates) { if ($c -and (Test-Path $c)) { return $c } }
    throw 'The lab runs on .NET 10: no dotnet executable was found (set DOTNET_ROOT or put dotnet on PATH).'
}

# The bastion (Start-SsmLab -JumpHost) as the lab object shows it, with what its sshd log says so far: how many
# logins (SSH connections) it accepted and how many device sessions it forwarded (direct-tcpip channels).
function ConvertTo-LabJumpHost([object] $Jump) {
    if (-not $Jump) { return $null }
    $logins = 0; $forwards = 0
    if ($Jump.LogPath -and (Test-Path $Jump.LogPath)) {
        foreach ($line in [IO.File]::ReadAllLines($Jump.LogPath)) {
            if ($line.Contains('server_request_direct_tcpip')) { $forwards++ } elseif ($line.Contains('Accepted ')) { $logins++ }
        }
    }
    [pscustomobject]@{
        PSTypeName         = 'SsmOnPrem.Lab.JumpHost'
        ComputerName       = $Jump.ComputerName
        Port               = [int]$Jump.Port
        Credential         = [pscredential]::new($Jump.Username, (ConvertTo-SecureString $Jump.Password -AsPlainText -Force))
        HostKeyFingerprint = $Jump.HostKeyFingerprint
        Connections        = $logins
        ForwardedSessions  = $forwards
    }
}

function ConvertTo-LabObject([object] $Description) {
    $jump = ConvertTo-LabJumpHost $(if ($Description.PSObject.Properties['JumpHost']) { $Description.JumpHost })
    $devices = foreach ($d in $Description.Devices) {
        $device = [pscustomobject]@{
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
            SshAlgorithms             = $(if ($d.PSObject.Properties['SshAlgorithms']) { $d.SshAlgorithms })
            ConfigSecrets             = @($d.ConfigSecrets)
            # SSH logins so far: a test proves that a run stopped before touching a device.
            LoginCount                = [int]$d.LoginCount
            BlockOnPremPort           = [bool]$d.BlockOnPremPort
            NoNameServer              = [bool]$d.NoNameServer
        }
        if ($jump) {
            # Behind a bastion: these bind by property name, so '$lab.Devices | Register-SsmDevice' goes through it.
            $device | Add-Member -NotePropertyName JumpHost -NotePropertyValue "$($jump.ComputerName):$($jump.Port)"
            $device | Add-Member -NotePropertyName JumpCredential -NotePropertyValue $jump.Credential
            $device | Add-Member -NotePropertyName JumpHostKeyFingerprint -NotePropertyValue $jump.HostKeyFingerprint
        }
        $device
    }
    $api = if ($Description.ClientId) { [pscredential]::new($Description.ClientId, (ConvertTo-SecureString $Description.ClientSecret -AsPlainText -Force)) }
    [pscustomobject]@{
        PSTypeName            = 'SsmOnPrem.Lab.Lab'
        OnPremServer          = $Description.OnPremServer
        # The port devices are sent to; with the properties below, '$lab | Connect-SsmOnPrem' binds them by name.
        DevicePort            = [int]$Description.DevicePort
        OnPremCertificateName = $Description.OnPremCertificateName
        CertificateThumbprint = $Description.CertificateThumbprint
        Account               = $Description.Account
        VirtualAccount        = $Description.VirtualAccount
        ApiCredential         = $api
        Devices               = @($devices)
        Path                  = $Description.StateDirectory
        ProcessId             = [int]$Description.LabProcessId
        SshdProcessId         = @($Description.SshdProcessIds | ForEach-Object { [int]$_ })
        StartSeconds          = $Description.StartSeconds
        SshProfile            = $(if ($Description.PSObject.Properties['SshProfile']) { $Description.SshProfile })
        JumpHost              = $jump
        JumpConnections       = $(if ($jump) { $jump.Connections } else { 0 })
        JumpForwardedSessions = $(if ($jump) { $jump.ForwardedSessions } else { 0 })
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
    .EXAMPLE
        $lab = Start-SsmLab -DeviceCount 50 -SshProfile Legacy -JumpHost; $lab.Devices | Register-SsmDevice ...; (Get-SsmLab -Path $lab.Path).JumpForwardedSessions
    #>
    [CmdletBinding()]
    [OutputType('SsmOnPrem.Lab.Lab')]
    param(
        [ValidateRange(1, 5000)] [int] $DeviceCount = 5,
        # 'mix' (every platform in turn) or a list of IOS-XE-16, IOS-XE-17, NX-OS-9, NX-OS-10, IOS-XR, ASA.
        [string[]] $Platform = @('mix'),
        [ValidateRange(0, 600000)] [int] $RegistrationDelayMs = 1500,
        # The SSH algorithms the devices offer: Release (each release's defaults, see the lab README), Modern, or
        # Legacy (an old device: only diffie-hellman-group14-sha1, ssh-rsa and CBC ciphers).
        [ValidateSet('Release', 'Modern', 'Legacy')] [string] $SshProfile = 'Release',
        # Start a bastion sshd in front of the devices; the lab object's JumpHost and every device object carry it.
        [switch] $JumpHost,
        # The state folder (default: a new folder under the temp directory). It holds lab.json, logs, sshd configs.
        [string] $Path,
        [int] $TimeoutSec = 300,
        # The On-Prem certificate carries only this DNS name; the lab's name server resolves it; devices check it.
        [ValidatePattern('^[A-Za-z0-9]([A-Za-z0-9.-]*[A-Za-z0-9])?$')] [string] $OnPremCertificateName,
        # Latency of every device's CLI, in ms (Set-SsmLabDevice -LatencyMs per device).
        [ValidateRange(0, 60000)] [int] $LatencyMs,
        # Fault knobs per device: @{ '<device name>' = @{ RegistrationFailure = '...'; BlockOnPremPort = $true; NoNameServer = $true } }.
        [hashtable] $DeviceFault
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
    $arguments = @($script:LabDll, 'start', '--devices', $DeviceCount, '--platform', ($Platform -join ','), '--state', $Path, '--registration-delay-ms', $RegistrationDelayMs, '--ssh-profile', $SshProfile)
    if ($JumpHost) { $arguments += '--jump-host' }
    if ($OnPremCertificateName) { $arguments += '--onprem-certificate-name', $OnPremCertificateName }
    Write-Verbose "Starting the lab: dotnet $($arguments -join ' ')"
    # setsid: the lab outlives this PowerShell and holds none of its pipes (a caller reading our output would hang).
    $env:SSMONPREM_LAB_LOG = $log
    try { & /usr/bin/setsid -f /bin/sh -c 'exec "$0" "$@" </dev/null >>"$SSMONPREM_LAB_LOG" 2>&1' (Get-DotnetPath) @arguments 2>&1 | Out-Null }
    finally { Remove-Item Env:SSMONPREM_LAB_LOG -ErrorAction SilentlyContinue }
    $deadline = [DateTime]::UtcNow.AddSeconds($TimeoutSec)
    $pidFile = Join-Path $Path 'lab.pid'
    while (-not (Test-Path (Join-Path $Path 'lab.json'))) {
        if ([DateTime]::UtcNow -gt $deadline) { throw "The lab did not start within $TimeoutSec s; see $log" }
        $labPid = if (Test-Path $pidFile) { "$(Get-Content $pidFile -Raw -ErrorAction SilentlyContinue)".Trim() }   # empty while being written
        if ($labPid -and -not (Test-Path "/proc/$labPid")) {
            throw "The lab failed to start: $((Get-Content $log -Raw -ErrorAction SilentlyContinue))"
        }
        Start-Sleep -Milliseconds 100
    }
    $script:StartedLabs.Add($Path)
    try { Set-StartFault -Path $Path -LatencyMs $(if ($PSBoundParameters.ContainsKey('LatencyMs')) { $LatencyMs } else { -1 }) -DeviceFault $DeviceFault }
    catch {
        # A lab whose knobs could not be set is not what was asked for: stop it, then say why.
        Stop-LabAt -Path $Path -Cmdlet $PSCmdlet -Force
        throw
    }
}

# Fault knobs given to Start-SsmLab: -LatencyMs for every device, -DeviceFault per device name.
function Set-StartFault([string] $Path, [int] $LatencyMs, [hashtable] $DeviceFault) {
    $description = Read-LabDescription $Path
    $faults = @{}
    if ($LatencyMs -ge 0) { foreach ($d in $description.Devices) { $faults[$d.Name] = @{ LatencyMs = $LatencyMs } } }
    if ($DeviceFault) {
        foreach ($name in $DeviceFault.Keys) {
            if (-not ($description.Devices | Where-Object Name -EQ $name)) { throw "-DeviceFault names '$name', but the lab has no such device (its devices: $(($description.Devices.Name) -join ', '))." }
            if (-not $faults.ContainsKey($name)) { $faults[$name] = @{} }
            foreach ($knob in $DeviceFault[$name].Keys) { $faults[$name][$knob] = $DeviceFault[$name][$knob] }
        }
    }
    foreach ($name in $faults.Keys) {
        $request = @{ op = 'set'; device = $name }
        foreach ($knob in $faults[$name].Keys) { $request[$knob] = $faults[$name][$knob] }
        $description = (Invoke-LabAdmin -Path $Path -Request $request).lab
    }
    ConvertTo-LabObject $description
}

function Get-SsmLab {
    <#
    .SYNOPSIS
        A running lab's description (with each device's LoginCount now); without -Path, every lab this session started that still runs.
    #>
    [CmdletBinding()]
    [OutputType('SsmOnPrem.Lab.Lab')]
    param([Parameter(ValueFromPipelineByPropertyName)] [string] $Path)
    process {
        $paths = if ($Path) { @($Path) } else { @($script:StartedLabs | Where-Object { Test-Path (Join-Path $_ 'lab.json') }) }
        foreach ($p in $paths) {
            # Asked of the live lab (login counts change); the file when the lab does not answer.
            $description = try { (Invoke-LabAdmin -Path $p -Request @{ op = 'status' }).lab } catch { Read-LabDescription $p }
            ConvertTo-LabObject $description
        }
    }
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
        # The lab's state folder; without it, every lab this session started.
        [Parameter(ValueFromPipelineByPropertyName)] [string] $Path,
        # Keep the state folder (logs, configs) instead of deleting it.
        [switch] $KeepState
    )
    begin { $named = $false }
    process {
        if (-not $Path) { return }
        $named = $true
        Stop-LabAt -Path $Path -KeepState:$KeepState -Cmdlet $PSCmdlet
    }
    end {
        if ($named) { return }
        $running = @($script:StartedLabs | Where-Object { Test-Path (Join-Path $_ 'lab.json') })
        if ($running.Count -eq 0) { Write-Verbose 'No lab started in this session is running.'; return }
        foreach ($p in $running) { Stop-LabAt -Path $p -KeepState:$KeepState -Cmdlet $PSCmdlet }
    }
}

function Stop-LabAt([string] $Path, [switch] $KeepState, [System.Management.Automation.PSCmdlet] $Cmdlet, [switch] $Force) {
    # Stops exactly what lab.json names, after the caller's ShouldProcess (-Force: a lab that failed to start).
    if ($Path) {
        $description = Read-LabDescription $Path
        if (-not $Force -and -not $Cmdlet.ShouldProcess("lab at $Path (PID $($description.LabProcessId))", 'Stop')) { return }
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
        $null = $script:StartedLabs.Remove($Path)
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
        Sets fault knobs on a lab device: latency, dropped output, an output flood, refused authentication, a new host key,
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
        # Every command prints this many bytes of junk before its output (0 turns it off): a flooding device.
        [ValidateRange(0, 1073741824)] [long] $OutputFlood,
        # The flood is one line without a newline.
        [bool] $OutputFloodNoNewline,
        # Registration fails with this reason without calling the server ('' clears it).
        [string] $RegistrationFailure,
        [bool] $RegistrationStuck,
        # This device's registration/trust/report delay in ms (-1: back to the lab's -RegistrationDelayMs).
        [ValidateRange(-1, 600000)] [int] $RegistrationDelayMs,
        [switch] $ChangeHostKey,
        # Reloads the device: the running configuration becomes the startup configuration (unsaved changes are lost).
        [switch] $Reload,
        # Ping to On-Prem still answers, TCP to its port is refused from this device (an ACL).
        [bool] $BlockOnPremPort,
        # The device has no name server: it resolves only addresses and its 'ip host' table.
        [bool] $NoNameServer
    )
    process {
        $request = @{ op = 'set'; device = $Name }
        foreach ($key in 'LatencyMs', 'DropMidOutput', 'RefuseAuthentication', 'HangCommand', 'OutputFlood', 'OutputFloodNoNewline', 'RegistrationFailure', 'RegistrationStuck', 'RegistrationDelayMs', 'BlockOnPremPort', 'NoNameServer') {
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
