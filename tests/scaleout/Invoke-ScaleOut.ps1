<#
.SYNOPSIS
    The sharded fleet run, executed: a lab of -DeviceCount devices, an Ansible play with -ShardCount local worker hosts
    each running the SsmOnPrem runbook for its shard, one worker killed mid-run, the play run again, journals merged.
.DESCRIPTION
    Prints one line:
        scale-out: shards=4 devices=200 registered=200 lost=0 twice=0 resumed=yes seconds=...
    registered: devices whose merged result is Registered/AlreadyRegistered; lost: devices with no result in any journal;
    twice: registrations the lab's On-Prem counted beyond one per device (uses of the one shared token); resumed: the killed
    shard's rerun skipped what its journal held and registered the rest. Exit code 0 only when lost=0, twice=0, every
    device registered and the shard resumed. Also writes scaleout.json (the figures) and keeps report.html.
    Needs Linux as root (the lab's sshd) and ansible-playbook (installed with apt when missing).
#>
[CmdletBinding()]
param(
    [Parameter(Mandatory)] [string] $Root,
    [int] $DeviceCount = 200,
    [int] $ShardCount = 4,
    [int] $ThrottleLimit = 16,
    # The worker killed (SIGKILL, as a crash or a reboot) once its journal holds -KillAfter devices.
    [int] $KillShard = 1,
    [int] $KillAfter = 10,
    [int] $RegistrationDelayMs = 100,
    [string] $WorkDirectory = (Join-Path ([IO.Path]::GetTempPath()) ("ssm-scaleout-" + [guid]::NewGuid().ToString('n')))
)
$ErrorActionPreference = 'Stop'
Set-StrictMode -Version 3.0
. (Join-Path $Root 'tests/tools/BuildHelpers.ps1')
$clock = [Diagnostics.Stopwatch]::StartNew()
New-Item -ItemType Directory $WorkDirectory -Force | Out-Null
& chmod 700 $WorkDirectory

Write-Step "Package the module as a worker has it installed"
$manifest = Import-PowerShellDataFile (Join-Path $Root 'SsmOnPrem.psd1')
$modulePath = Join-Path $WorkDirectory 'modules'
New-ModulePackage -ModuleRoot $Root -OutDirectory $modulePath -Version $manifest.ModuleVersion | Out-Null
Import-Module (Join-Path $Root 'out/SsmOnPrem.Lab/SsmOnPrem.Lab.psd1') -Force
Import-Module (Join-Path $Root 'SsmOnPrem.psd1') -Force

Write-Step "Start a lab of $DeviceCount devices (legacy Smart Licensing: every registration uses the shared token once)"
$lab = Start-SsmLab -DeviceCount $DeviceCount -Platform 'IOS-XE-16', 'NX-OS-9', 'IOS-XR', 'ASA' -RegistrationDelayMs $RegistrationDelayMs -Path (Join-Path $WorkDirectory 'lab')
try {
    $inventory = Join-Path $WorkDirectory 'devices.csv'
    $lab.Devices | ForEach-Object {
        [pscustomobject]@{ ComputerName = $_.ComputerName; Port = $_.Port; CredentialName = 'lab-login'
            EnableCredentialName = $(if ($_.EnableCredential) { "enable-$($_.Name)" } else { '' }); HostKeyFingerprint = $_.HostKeyFingerprint }
    } | Export-Csv $inventory -NoTypeInformation
    $server = [uri]$lab.OnPremServer

    # One token for every shard, sized to the fleet (the documented pattern); handed to the workers as a secret.
    Connect-SsmOnPrem -Server $server.Host -Port $server.Port -DevicePort $server.Port -Credential $lab.ApiCredential `
        -CertificateThumbprint $lab.CertificateThumbprint -Account $lab.Account -VirtualAccount $lab.VirtualAccount | Out-Null
    $token = New-SsmToken -Description "scale-out $DeviceCount devices in $ShardCount shards" -ExpiresAfterDays 1 -MaxUses $DeviceCount -AsPlainText
    Disconnect-SsmOnPrem

    $ansible = Join-Path $WorkDirectory 'ansible'
    New-Item -ItemType Directory $ansible -Force | Out-Null
    Set-Content (Join-Path $ansible 'inventory.ini') (@('[ssm_workers]') + (0..($ShardCount - 1) | ForEach-Object {
        "worker$_ ansible_connection=local ansible_python_interpreter=/usr/bin/python3" }))
    Set-Content (Join-Path $ansible 'ansible.cfg') @"
[defaults]
inventory = $(Join-Path $ansible 'inventory.ini')
forks = $ShardCount
host_key_checking = False
retry_files_enabled = False
nocolor = True
"@
    $vars = Join-Path $ansible 'vars.json'
    New-Item -ItemType File $vars -Force | Out-Null
    & chmod 600 $vars
    [ordered]@{
        pwsh = Get-PwshPath; worker_script = Join-Path $PSScriptRoot 'Invoke-LabWorker.ps1'; module_path = $modulePath
        work_dir = $WorkDirectory; inventory_csv = $inventory; lab_path = $lab.Path; ssm_token = $token.Token
        onprem_server = $server.Host; onprem_port = $server.Port; onprem_device_port = $server.Port
        onprem_thumbprint = $lab.CertificateThumbprint; onprem_account = $lab.Account; onprem_virtual_account = $lab.VirtualAccount
        throttle_limit = $ThrottleLimit
    } | ConvertTo-Json | Set-Content $vars
    $playbook = Join-Path $PSScriptRoot 'register-shards.yml'

    function Start-Play([string] $Log) {
        $env:ANSIBLE_CONFIG = Join-Path $ansible 'ansible.cfg'
        $env:ANSIBLE_LOCAL_TEMP = Join-Path $WorkDirectory 'ansible-tmp'   # ansible's temp files stay in the run's folder
        $env:ANSIBLE_REMOTE_TEMP = Join-Path $WorkDirectory 'ansible-tmp'
        Start-Process ansible-playbook -ArgumentList $playbook, '-e', "@$vars" -RedirectStandardOutput $Log -RedirectStandardError "$Log.err" -PassThru
    }
    function Get-JournalCount([int] $Shard) {
        $path = Join-Path $WorkDirectory "worker-$Shard/shard$Shard.jsonl"
        if (-not (Test-Path $path)) { return 0 }
        @(Get-Content $path | Where-Object { $_.Trim() }).Count
    }
    # The worker's pwsh process: the one whose command line carries this run's folder and '-Shard <n>'.
    function Get-WorkerProcessId([int] $Shard) {
        foreach ($dir in Get-ChildItem /proc -Directory | Where-Object Name -Match '^\d+$') {
            try { $argv = [IO.File]::ReadAllText("/proc/$($dir.Name)/cmdline").Split([char]0) } catch { continue }
            $at = [array]::IndexOf($argv, '-Shard')
            if ($at -ge 0 -and $argv[$at + 1] -eq "$Shard" -and ($argv -join ' ') -match [regex]::Escape($WorkDirectory) -and ($argv -join ' ') -match 'Invoke-LabWorker') { [int]$dir.Name }
        }
    }

    # Peak resident memory of each worker's pwsh (VmHWM), sampled while it runs: the "memory per worker" of the sizing table.
    $peakMB = @{}
    function Update-WorkerMemory {
        foreach ($shard in 0..($ShardCount - 1)) {
            foreach ($id in @(Get-WorkerProcessId $shard)) {
                try { $line = (Get-Content "/proc/$id/status" -ErrorAction Stop) -match '^VmHWM:' } catch { continue }
                if ($line) { $mb = [int](($line -split '\s+')[1]) / 1024; if (-not $peakMB[$shard] -or $mb -gt $peakMB[$shard]) { $peakMB[$shard] = $mb } }
            }
        }
    }
    $apiCallsBefore = (Invoke-RestMethod "$($lab.OnPremServer)/lab/state" -SkipCertificateCheck).apiCalls

    Write-Step "Run 1: $ShardCount workers; worker $KillShard is killed once its journal holds $KillAfter devices"
    $runClock = [Diagnostics.Stopwatch]::StartNew()
    $first = Start-Play (Join-Path $ansible 'run1.log')
    $killed = $false
    $deadline = [DateTime]::UtcNow.AddMinutes(10)
    $sampled = [Diagnostics.Stopwatch]::StartNew()
    while (-not $first.HasExited -and [DateTime]::UtcNow -lt $deadline) {
        if ($sampled.ElapsedMilliseconds -gt 1000) { Update-WorkerMemory; $sampled.Restart() }
        if (-not $killed -and (Get-JournalCount $KillShard) -ge $KillAfter) {
            $ids = @(Get-WorkerProcessId $KillShard)
            foreach ($id in $ids) { & kill -9 $id }
            $killed = $ids.Count -gt 0
            Write-Host "    killed worker $KillShard (pid $($ids -join ',')) with $(Get-JournalCount $KillShard) devices in its journal"
        }
        Start-Sleep -Milliseconds 200
    }
    if (-not $first.HasExited) { $first.Kill(); throw "Run 1 did not finish in 10 minutes: see $ansible/run1.log" }
    $afterKill = Get-JournalCount $KillShard
    $firstRunSeconds = $runClock.Elapsed.TotalSeconds

    Write-Step 'Run 2: the same play again'
    $second = Start-Play (Join-Path $ansible 'run2.log')
    if (-not $second.WaitForExit(600000)) { $second.Kill(); throw "Run 2 did not finish in 10 minutes: see $ansible/run2.log" }
    $second.WaitForExit()
    if ($second.ExitCode -ne 0) { throw "Run 2 failed (ansible-playbook exit $($second.ExitCode)): $(Get-Content (Join-Path $ansible 'run2.log') -Raw)" }
    $clock.Stop()

    $summary = Get-Content (Join-Path $WorkDirectory 'summary.json') -Raw | ConvertFrom-Json
    $rerun = Get-Content (Join-Path $WorkDirectory "worker-$KillShard/last-run.json") -Raw | ConvertFrom-Json
    $state = Invoke-RestMethod "$($lab.OnPremServer)/lab/state" -SkipCertificateCheck
    $uses = @($state.tokens | Where-Object { $_.Value -eq $token.Token } | ForEach-Object { $_.Uses })[0]
    $registered = [int]$summary.Succeeded
    $lost = $DeviceCount - [int]$summary.Total
    $twice = [math]::Max(0, [int]$uses - $DeviceCount)
    # Devices per worker per hour in run 1, start-up and Ansible included (a floor): a shard's devices over the run's time.
    $perWorker = 3600.0 * ($DeviceCount / $ShardCount) / [math]::Max(1, $firstRunSeconds)
    $figures = [ordered]@{ shards = $ShardCount; devices = $DeviceCount; registered = $registered; lost = $lost; twice = $twice
        resumed = $(if ($resumed) { 'yes' } else { 'no' }); seconds = [math]::Round($clock.Elapsed.TotalSeconds); tokenUses = $uses
        killedAfter = $afterKill; throttleLimit = $ThrottleLimit; registrationDelayMs = $RegistrationDelayMs
        firstRunSeconds = [math]::Round($firstRunSeconds); devicesPerWorkerHour = [math]::Round($perWorker)
        medianDeviceSeconds = [math]::Round(([TimeSpan]::FromTicks([long]$summary.MedianDuration.Ticks)).TotalSeconds, 2)
        workerPeakMB = [math]::Round(($peakMB.Values | Measure-Object -Maximum).Maximum)
        apiCallsPerWorkerRun = [math]::Round(([int]$state.apiCalls - [int]$apiCallsBefore) / (2.0 * $ShardCount), 1)
        loadAverage = ((Get-Content /proc/loadavg) -split ' ')[0] }
    $figures | ConvertTo-Json | Set-Content (Join-Path $WorkDirectory 'scaleout.json')
    Write-Host "    report: $(Join-Path $WorkDirectory 'report.html')"
    Write-Host ("scale-out: " + (($figures.GetEnumerator() | Select-Object -First 7 | ForEach-Object { "$($_.Key)=$($_.Value)" }) -join ' '))
    if ($lost -ne 0 -or $twice -ne 0 -or -not $resumed -or $registered -ne $DeviceCount) { exit 1 }
}
finally {
    Remove-Item (Join-Path $WorkDirectory 'ansible/vars.json') -ErrorAction SilentlyContinue   # it holds the shared token
    $lab | Stop-SsmLab
    Remove-Item Env:ANSIBLE_CONFIG, Env:ANSIBLE_LOCAL_TEMP, Env:ANSIBLE_REMOTE_TEMP -ErrorAction SilentlyContinue
}
