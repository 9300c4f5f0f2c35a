# Pieces of the fleet registration benchmark (tests/bench/Invoke-Benchmark.ps1): prerequisites, the lab and its
# state, the registration script every contestant sends, the contestants' command lines, statistics and reports.
Set-StrictMode -Version 3.0

$script:BenchDir = $PSScriptRoot

# ---- prerequisites ------------------------------------------------------------------------------------------------

# What each contestant needs, installed through apt when we are root on Debian; otherwise the contestant is skipped
# with the reason. Returns @{ Name = $null (available) or 'reason it is skipped' }.
function Install-BenchPrerequisite([string[]] $Contestant, [switch] $NoInstall) {
    $needs = [ordered]@{
        Measure  = @{ Packages = @('python3'); Test = { Test-Path /usr/bin/python3 } }
        Chart    = @{ Packages = @('gnuplot-nox'); Test = { [bool](Get-Command gnuplot -CommandType Application -ErrorAction SilentlyContinue) } }
        Ansible  = @{ Packages = @('ansible'); Test = { [bool](Get-Command ansible-playbook -CommandType Application -ErrorAction SilentlyContinue) } }
        Netmiko  = @{ Packages = @('python3-netmiko'); Test = { (Test-Path /usr/bin/python3) -and ($(& /usr/bin/python3 -c 'import netmiko' 2>$null; $LASTEXITCODE) -eq 0) } }
    }
    $wanted = @('Measure', 'Chart') + @($Contestant | Where-Object { $needs.Contains($_) })
    $missing = @($wanted | Where-Object { -not (& $needs[$_].Test) })
    $isRoot = (& id -u) -eq '0'
    $canApt = $isRoot -and (Test-Path /etc/debian_version) -and (Get-Command apt-get -ErrorAction SilentlyContinue) -and -not $NoInstall
    if ($missing.Count -gt 0 -and $canApt) {
        $packages = @($missing | ForEach-Object { $needs[$_].Packages }) | Select-Object -Unique
        Write-Host "Bench: installing $($packages -join ', ') with apt-get (root on Debian) for: $($missing -join ', ')"
        $env:DEBIAN_FRONTEND = 'noninteractive'
        & apt-get update -qq 2>&1 | Out-Null
        & apt-get install -y -qq @packages 2>&1 | Select-Object -Last 2 | ForEach-Object { Write-Host "  $_" }
    }
    $status = [ordered]@{}
    foreach ($name in $wanted) {
        $status[$name] = if (& $needs[$name].Test) { $null }
        elseif ($canApt) { "apt-get install $($needs[$name].Packages -join ' ') failed" }
        else { "needs the Debian package(s) $($needs[$name].Packages -join ', ') (run the bench as root on Debian to install them)" }
    }
    $status
}

# The pwsh the SsmOnPrem contestant and the import samples run in: the one Invoke-Benchmark chose (-Pwsh; a
# ReadyToRun copy unless told otherwise, Install-ReadyToRunPwsh.ps1), else this one.
function Get-BenchPwshPath {
    if ($env:SSMONPREM_BENCH_PWSH) { return $env:SSMONPREM_BENCH_PWSH }
    $candidate = Join-Path $PSHOME 'pwsh'
    if (Test-Path $candidate) { return $candidate }
    (Get-Process -Id $PID).Path
}

# Median seconds from starting a pwsh to its exit (`pwsh -NoProfile -NonInteractive -c exit`), over -Count processes.
function Measure-PwshStart([string] $Path, [int] $Count = 5) {
    Get-Median @(foreach ($i in 1..$Count) { (Measure-Command { & $Path -NoProfile -NonInteractive -c exit }).TotalSeconds })
}

# ---- the lab -------------------------------------------------------------------------------------------------------

function Read-LabJson([string] $Path) { Get-Content (Join-Path $Path 'lab.json') -Raw | ConvertFrom-Json }

# The bench's lab: IOS-XE 16 devices (16 per sshd, so 256+ sessions at once spread over 16+ sshd processes), every
# device taking -RegistrationDelayMs to register (Reset-SsmLab keeps it). Needs SsmOnPrem.Lab imported.
function Start-BenchLab([int] $DeviceCount, [int] $RegistrationDelayMs = 0, [string] $Path) {
    if (-not $Path) { $Path = Join-Path ([IO.Path]::GetTempPath()) "ssmonprem-bench-$([guid]::NewGuid().ToString('N').Substring(0, 8))" }
    Start-SsmLab -DeviceCount $DeviceCount -Platform IOS-XE-16 -RegistrationDelayMs $RegistrationDelayMs -Path $Path
}

function Get-LabState([object] $Lab) {
    Invoke-RestMethod "$($Lab.OnPremServer)/lab/state" -SkipCertificateCheck -TimeoutSec 60
}

# A fresh ID token (unlimited uses, 1 day), made through the On-Prem REST API the way an admin script would.
function New-BenchToken([object] $Lab) {
    $server = $Lab.OnPremServer
    $access = Invoke-RestMethod -Method Post "$server/oauth/token" -SkipCertificateCheck -TimeoutSec 60 `
        -Body @{ grant_type = 'client_credentials'; client_id = $Lab.ClientId; client_secret = $Lab.ClientSecret }
    $account = [uri]::EscapeDataString($Lab.Account)
    $va = [uri]::EscapeDataString($Lab.VirtualAccount)
    $reply = Invoke-RestMethod -Method Post "$server/api/v1/accounts/$account/virtual-accounts/$va/tokens" -SkipCertificateCheck -TimeoutSec 60 `
        -Headers @{ Authorization = "Bearer $($access.access_token)" } -ContentType 'application/json' `
        -Body (@{ description = 'benchmark'; expiresAfterDays = 1 } | ConvertTo-Json)
    $reply.tokenInfo.token
}

# How many of these devices On-Prem really knows as registered (product instances by serial number), so no contestant
# wins by skipping work.
function Get-RegisteredCount([object] $Lab, [object[]] $Devices) {
    $state = Get-LabState $Lab
    $serials = [System.Collections.Generic.HashSet[string]]::new([string[]]@($state.productInstances | Where-Object { $_.registeredOn } | ForEach-Object { $_.serialNumber }))
    @($Devices | Where-Object { $serials.Contains($_.SerialNumber) }).Count
}

# ---- the registration script ---------------------------------------------------------------------------------------

# The CLI lines Register-SsmDevice sends to an IOS-XE 16 device (legacy Smart Licensing, call-home transport), in
# its order (src/SsmOnPrem.Client/Workflows/RegistrationWorkflow.cs, TransportConfiguration.cs, Connectivity.cs,
# ReachabilityCheck.cs, LicensePoller.cs, Devices/DeviceSession.cs, Devices/Platforms/IosXeDriver.cs). Every
# contestant sends these lines; Invoke-Benchmark compares them with what the module's verbose stream says it sent.
# Two lines ask a question before the prompt returns ('answers'): the copy asks for the destination file name
# (Enter keeps startup-config), and the TCP check's telnet waits for a line once the port is open (any line that is
# no TLS ClientHello makes On-Prem hang up, so telnet ends).
function Get-RegistrationScript([object] $Lab, [string] $Token) {
    $url = "$($Lab.OnPremServer)/Transportgateway/services/DeviceRequestHandler"
    $uri = [uri]$url
    $save = 'copy running-config startup-config'
    $telnet = "telnet $($uri.Host) $($uri.Port)"
    [ordered]@{
        platform    = 'IOS-XE'
        enable      = $true
        setup       = @('terminal length 0', 'terminal width 511')
        # Transport planning reads only the call-home section (IosXeDriver.RunningConfigReads).
        exec        = @('show version', 'show license status', 'show running-config | section call-home')
        enterConfig = 'configure terminal'
        config      = @('call-home', 'profile CiscoTAC-1', 'active', 'destination transport-method http',
                        'no destination transport-method email', "destination address http $url")
        exitConfig  = 'end'
        # The changed configuration is saved before the registration (RegistrationWorkflow, ConfigSaved).
        save        = @($save)
        # Reachability from the device: ping, then a TCP connection to the device port; then syslog and register.
        register    = @("ping $($uri.Host)", $telnet, 'terminal monitor', "license smart register idtoken $Token")
        answers     = @(
            [ordered]@{ line = $save; expect = 'Destination filename \[startup-config\]\?'; answer = '' }
            [ordered]@{ line = $telnet; expect = '\.\.\.\s*Open'; answer = 'QUIT' })
        # LicensePoller: read at once, then 250 ms growing by half up to 5 s, until Registered or Failed.
        poll        = [ordered]@{ command = 'show license status'; until = 'Registration:\s*\n\s*Status: REGISTERED'
                                  failed = 'Registration:\s*\n\s*Status: [A-Z ]*FAIL'; initialMs = 250; factor = 1.5; maxMs = 5000; timeoutSec = 120 }
        verify      = @('show license status', 'show license udi', 'show license summary')
        url         = $url
    }
}

# The lines in the order a session sends them (for the comparison with the module's verbose "> line" records).
function Get-ScriptLine([System.Collections.IDictionary] $Script, [int] $Polls = 1, [switch] $MaskToken) {
    $lines = [System.Collections.Generic.List[string]]::new()
    if ($Script.enable) { $lines.Add('enable') }
    $Script.setup + $Script.exec | ForEach-Object { $lines.Add($_) }
    $lines.Add($Script.enterConfig); $Script.config | ForEach-Object { $lines.Add($_) }; $lines.Add($Script.exitConfig)
    $Script.save | ForEach-Object { $lines.Add($_) }
    $Script.register | ForEach-Object { $lines.Add(($MaskToken ? ($_ -replace 'idtoken \S+', 'idtoken ********') : $_)) }
    1..$Polls | ForEach-Object { $lines.Add($Script.poll.command) }
    $Script.verify | ForEach-Object { $lines.Add($_) }
    $lines
}

# ---- jobs and contestants ------------------------------------------------------------------------------------------

function New-BenchJob([object] $Lab, [object[]] $Devices, [int] $Concurrency, [System.Collections.IDictionary] $Script, [string] $Token, [string] $Path) {
    $job = [ordered]@{
        concurrency = $Concurrency
        token       = $Token
        url         = $Script.url
        script      = $Script
        devices     = @($Devices | ForEach-Object {
                [ordered]@{ name = $_.Name; host = $_.ComputerName; port = $_.Port; username = $_.Username; password = $_.Password
                            enableSecret = $_.EnableSecret; hostKeyFingerprint = $_.HostKeyFingerprint; serialNumber = $_.SerialNumber }
            })
    }
    [IO.File]::WriteAllText($Path, ($job | ConvertTo-Json -Depth 6))
    $Path
}

# One ios_command entry: the line itself, or {command, prompt, answer} when the line asks a question.
function ConvertTo-AnsibleCommand([string] $Line, [object[]] $Answers) {
    $a = @($Answers | Where-Object { $_.line -eq $Line } | Select-Object -First 1)
    if ($a.Count -eq 0) { return $Line }
    [ordered]@{ command = $Line; prompt = $a[0].expect; answer = $a[0].answer }
}

# Ansible's inventory, configuration and variables for one run (the playbook is tests/bench/Ansible/register.yml).
function New-AnsibleRun([string] $JobPath, [string] $Directory) {
    $job = Get-Content $JobPath -Raw | ConvertFrom-Json
    New-Item -ItemType Directory $Directory -Force | Out-Null
    $hosts = [ordered]@{}
    foreach ($d in $job.devices) {
        $hosts[$d.name] = [ordered]@{ ansible_host = $d.host; ansible_port = $d.port; ansible_user = $d.username
                                      ansible_password = $d.password; ansible_become_password = $d.enableSecret }
    }
    $inventory = @{ all = @{ children = @{ fleet = @{
        hosts = $hosts
        vars  = [ordered]@{ ansible_connection = 'ansible.netcommon.network_cli'; ansible_network_os = 'cisco.ios.ios'
                            ansible_become = $true; ansible_become_method = 'enable' }
    } } } }
    [IO.File]::WriteAllText((Join-Path $Directory 'inventory.json'), ($inventory | ConvertTo-Json -Depth 8))
    $s = $job.script
    $vars = [ordered]@{
        # Without 'terminal monitor': network_cli's prompt regex must match at the very end of what it read, and the
        # registration syslog the lab prints right after the prompt (registration delay 0) makes every task time out.
        # A line that asks a question goes as {command, prompt, answer} (ios_command answers it; newline after the answer).
        bench_exec = @($s.exec); bench_config = @($s.config); bench_verify = @($s.verify)
        bench_save = @($s.save | ForEach-Object { ConvertTo-AnsibleCommand $_ $s.answers })
        bench_register = @($s.register | Where-Object { $_ -ne 'terminal monitor' } | ForEach-Object { ConvertTo-AnsibleCommand $_ $s.answers })
        bench_poll_command = $s.poll.command; bench_poll_until = $s.poll.until; bench_poll_retries = [int]$s.poll.timeoutSec
    }
    [IO.File]::WriteAllText((Join-Path $Directory 'vars.json'), ($vars | ConvertTo-Json -Depth 4))
    @"
[defaults]
inventory = $Directory/inventory.json
forks = $($job.concurrency)
host_key_checking = False
gathering = explicit
retry_files_enabled = False
local_tmp = $Directory/tmp
interpreter_python = /usr/bin/python3
[persistent_connection]
connect_timeout = 60
command_timeout = 60
control_path_dir = $Directory/pc
[paramiko_connection]
look_for_keys = False
"@ | Set-Content (Join-Path $Directory 'ansible.cfg')
    Join-Path $Directory 'ansible.cfg'
}

# The command line of a contestant for a job (run under measure_tree.py).
function Get-ContestantCommand([string] $Name, [string] $Root, [string] $JobPath, [string] $ResultPath, [string] $WorkDirectory) {
    switch ($Name) {
        'floor' { @((Get-Command dotnet -CommandType Application | Select-Object -First 1).Source, (Join-Path $Root 'out/bench/floor/Floor.dll'), $JobPath, $ResultPath) }
        'SsmOnPrem' { @((Get-BenchPwshPath), '-NoProfile', '-NonInteractive', '-File', (Join-Path $script:BenchDir 'SsmOnPrem/Register-Fleet.ps1'),
                        '-JobPath', $JobPath, '-ResultPath', $ResultPath, '-ModulePath', (Join-Path $Root 'SsmOnPrem.psd1')) }
        'Netmiko' { @('/usr/bin/python3', (Join-Path $script:BenchDir 'Netmiko/netmiko_fleet.py'), $JobPath, $ResultPath) }
        'Ansible' {
            $cfg = New-AnsibleRun -JobPath $JobPath -Directory (Join-Path $WorkDirectory 'ansible')
            @('/usr/bin/env', "ANSIBLE_CONFIG=$cfg", 'ANSIBLE_NOCOLOR=1', "HOME=$WorkDirectory", 'ansible-playbook',
              (Join-Path $script:BenchDir 'Ansible/register.yml'), '-e', "@$(Join-Path $WorkDirectory 'ansible/vars.json')")
        }
    }
}

# Runs one contestant on a freshly reset lab and checks the outcome against On-Prem's state.
function Invoke-Contestant {
    param([string] $Name, [string] $Root, [object] $Lab, [object[]] $Devices, [int] $Concurrency, [int] $TimeoutSec, [string] $WorkDirectory)
    New-Item -ItemType Directory $WorkDirectory -Force | Out-Null
    Import-Module (Join-Path $Root 'out/SsmOnPrem.Lab/SsmOnPrem.Lab.psd1') -Verbose:$false
    Reset-SsmLab -Path $Lab.StateDirectory -Confirm:$false
    if ((Get-RegisteredCount $Lab $Devices) -ne 0) { throw 'The lab reset left registered devices.' }
    $token = New-BenchToken $Lab
    $script = Get-RegistrationScript -Lab $Lab -Token $token
    $jobPath = New-BenchJob -Lab $Lab -Devices $Devices -Concurrency $Concurrency -Script $script -Token $token -Path (Join-Path $WorkDirectory 'job.json')
    $resultPath = Join-Path $WorkDirectory 'result.json'
    $measurePath = Join-Path $WorkDirectory 'measure.json'
    $log = Join-Path $WorkDirectory 'output.log'
    $command = Get-ContestantCommand -Name $Name -Root $Root -JobPath $jobPath -ResultPath $resultPath -WorkDirectory $WorkDirectory
    & /usr/bin/python3 (Join-Path $script:BenchDir 'measure_tree.py') $measurePath $TimeoutSec $log -- @command
    $m = Get-Content $measurePath -Raw | ConvertFrom-Json
    $own = if (Test-Path $resultPath) { Get-Content $resultPath -Raw | ConvertFrom-Json } else { $null }
    if ($own -and $own.PSObject.Properties['notAvailable']) {
        return [pscustomobject]@{ Contestant = $Name; NotAvailable = $own.notAvailable }
    }
    $registered = Get-RegisteredCount $Lab $Devices
    $polls = @(if ($own -and $own.PSObject.Properties['devices']) { $own.devices | Where-Object { $_.PSObject.Properties['polls'] -and $_.polls -gt 0 } | ForEach-Object polls })
    [pscustomobject]@{
        Contestant    = $Name
        Devices       = $Devices.Count
        Concurrency   = $Concurrency
        WallSeconds   = [double]$m.wallSeconds
        DevicesPerSec = if ($m.wallSeconds -gt 0) { $registered / [double]$m.wallSeconds } else { 0 }
        CpuSeconds    = [double]$m.cpuSeconds
        PeakPssMB     = [double]$m.peakPssMB
        PeakRssMB     = [double]$m.peakRssMB
        Registered    = $registered
        Lost          = $Devices.Count - $registered
        TimedOut      = [bool]$m.timedOut
        ExitCode      = $m.exitCode
        MeanPolls     = if ($polls.Count) { ($polls | Measure-Object -Average).Average } else { $null }
        Kex           = if ($own -and $own.PSObject.Properties['devices']) { @($own.devices | Where-Object { $_.PSObject.Properties['kex'] -and $_.kex } | ForEach-Object kex | Select-Object -Unique) -join ',' } else { '' }
        FirstError    = if ($own -and $own.PSObject.Properties['devices']) { @($own.devices | Where-Object { -not $_.ok } | ForEach-Object error | Select-Object -First 1) -join '' } else { (Get-Content $log -Tail 3 -ErrorAction SilentlyContinue) -join ' ' }
        Log           = $log
    }
}

# ---- statistics and reports ----------------------------------------------------------------------------------------

# The key exchange each contestant says it negotiated, as "floor ecdh-sha2-nistp256" (the floor and SsmOnPrem report
# theirs per device; Netmiko's script cannot read it and says NoneType, Ansible says nothing).
function Get-KeyExchangeSummary([object[]] $Runs) {
    @($Runs | Where-Object { $_.PSObject.Properties['Kex'] -and $_.Kex -and $_.Kex -ne 'NoneType' } | Group-Object Contestant |
        ForEach-Object { "$($_.Name) $(@($_.Group | ForEach-Object { $_.Kex -split ',' } | Select-Object -Unique) -join '/')" })
}

function Get-Median([double[]] $Values) {
    $s = @($Values | Sort-Object)
    if ($s.Count -eq 0) { return $null }
    if ($s.Count % 2) { $s[[int][math]::Floor($s.Count / 2)] } else { ($s[$s.Count / 2 - 1] + $s[$s.Count / 2]) / 2 }
}

# The registration delay a run had (runs saved before the latency-bound phase existed had none recorded: 0).
function Get-RunDelay([object] $Run) { if ($Run.PSObject.Properties['DelayMs']) { [int]$Run.DelayMs } else { 0 } }

# One row per contestant, size, concurrency and registration delay: medians with min-max over the repeats.
function Get-BenchSummary([object[]] $Runs) {
    $Runs | Where-Object { -not $_.PSObject.Properties['NotAvailable'] } | Group-Object Contestant, Devices, Concurrency, { Get-RunDelay $_ } | ForEach-Object {
        $g = $_.Group
        $rate = @($g | ForEach-Object DevicesPerSec)
        [pscustomobject]@{
            Contestant = $g[0].Contestant; Devices = $g[0].Devices; Concurrency = $g[0].Concurrency; DelayMs = Get-RunDelay $g[0]; Runs = $g.Count
            WallSeconds = Get-Median ($g | ForEach-Object WallSeconds)
            DevicesPerSec = Get-Median $rate; RateMin = ($rate | Measure-Object -Minimum).Minimum; RateMax = ($rate | Measure-Object -Maximum).Maximum
            CpuSeconds = Get-Median ($g | ForEach-Object CpuSeconds); PeakPssMB = Get-Median ($g | ForEach-Object PeakPssMB)
            Lost = ($g | Measure-Object Lost -Sum).Sum; LostMax = ($g | Measure-Object Lost -Maximum).Maximum
            TimedOut = @($g | Where-Object TimedOut).Count
            MeanPolls = Get-Median @($g | Where-Object { $null -ne $_.MeanPolls } | ForEach-Object MeanPolls)
        }
    }
}

function Format-Number([object] $Value, [string] $Format = '0.0') {
    if ($null -eq $Value) { return '—' }
    ([double]$Value).ToString($Format, [Globalization.CultureInfo]::InvariantCulture)
}

function ConvertTo-BenchMarkdown([object[]] $Summary, [string[]] $Contestants) {
    $order = @{}; for ($i = 0; $i -lt $Contestants.Count; $i++) { $order[$Contestants[$i]] = $i }
    $lines = [System.Collections.Generic.List[string]]::new()
    $lines.Add('| Devices | Concurrency | Contestant | Runs | Devices/s median (min–max) | Wall s | CPU s | CPU ms per registered device | Peak memory MB (PSS) | Lost (all runs) | vs floor | vs SsmOnPrem |')
    $lines.Add('|---:|---:|---|---:|---|---:|---:|---:|---:|---:|---:|---:|')
    foreach ($cell in $Summary | Group-Object Devices, Concurrency | Sort-Object { $_.Group[0].Devices }, { $_.Group[0].Concurrency }) {
        $floor = $cell.Group | Where-Object Contestant -EQ 'floor'
        $ssm = $cell.Group | Where-Object Contestant -EQ 'SsmOnPrem'
        foreach ($r in $cell.Group | Sort-Object { $order[$_.Contestant] }) {
            $vsFloor = if ($floor -and $floor.DevicesPerSec) { Format-Number ($r.DevicesPerSec / $floor.DevicesPerSec) '0.00' } else { '—' }
            $vsSsm = if ($ssm -and $ssm.DevicesPerSec -and $r.DevicesPerSec) { Format-Number ($r.DevicesPerSec / $ssm.DevicesPerSec) '0.00' } else { '—' }
            $rate = "$(Format-Number $r.DevicesPerSec '0.00') ($(Format-Number $r.RateMin '0.00')–$(Format-Number $r.RateMax '0.00'))"
            $lost = "$($r.Lost)" + $(if ($r.TimedOut) { " ($($r.TimedOut) run(s) stopped at the time limit)" } else { '' })
            $lines.Add("| $($r.Devices) | $($r.Concurrency) | $($r.Contestant) | $($r.Runs) | $rate | $(Format-Number $r.WallSeconds) | $(Format-Number $r.CpuSeconds) | $(Format-Number (1000 * $r.CpuSeconds / [math]::Max(1, $r.Devices - $r.Lost / $r.Runs)) '0') | $(Format-Number $r.PeakPssMB '0') | $lost | $vsFloor | $vsSsm |")
        }
    }
    $lines
}

# Peak memory against concurrency, per contestant: the points (the highest peak seen at each concurrency, any fleet
# size or delay: a latency-bound run holds all its sessions open at once) and the least-squares slope, MB per
# concurrent session.
function Get-SessionMemory([object[]] $Summary, [string[]] $Contestants) {
    foreach ($name in $Contestants) {
        $points = @($Summary | Where-Object { $_.Contestant -eq $name -and $_.PeakPssMB -gt 0 } | Group-Object Concurrency |
            ForEach-Object { [pscustomobject]@{ Concurrency = [int]$_.Name; PeakPssMB = ($_.Group | Measure-Object PeakPssMB -Maximum).Maximum } } | Sort-Object Concurrency)
        if ($points.Count -lt 2) { continue }
        $n = $points.Count
        $mx = ($points | Measure-Object Concurrency -Average).Average; $my = ($points | Measure-Object PeakPssMB -Average).Average
        $sxy = 0.0; $sxx = 0.0
        foreach ($p in $points) { $sxy += ($p.Concurrency - $mx) * ($p.PeakPssMB - $my); $sxx += [math]::Pow($p.Concurrency - $mx, 2) }
        [pscustomobject]@{
            Contestant = $name; Points = $points
            MBPerSession = if ($sxx) { $sxy / $sxx } else { $null }
            BaseMB = if ($sxx) { $my - ($sxy / $sxx) * $mx } else { $null }
        }
    }
}

function ConvertTo-SessionMemoryMarkdown([object[]] $Memory) {
    $all = @($Memory | ForEach-Object { $_.Points } | ForEach-Object Concurrency | Sort-Object -Unique)
    $lines = [System.Collections.Generic.List[string]]::new()
    $lines.Add("| Contestant | $(($all | ForEach-Object { "c$_ MB" }) -join ' | ') | MB per concurrent session (slope) | MB at no session (intercept) |")
    $lines.Add("|---|$(($all | ForEach-Object { '---:' }) -join '|')|---:|---:|")
    foreach ($m in $Memory) {
        $cells = foreach ($c in $all) { $p = $m.Points | Where-Object Concurrency -EQ $c; if ($p) { Format-Number $p.PeakPssMB '0' } else { '—' } }
        $lines.Add("| $($m.Contestant) | $($cells -join ' | ') | $(Format-Number $m.MBPerSession '0.00') | $(Format-Number $m.BaseMB '0') |")
    }
    $lines
}

$script:ContestantColors = @{ floor = '#555555'; SsmOnPrem = '#1f77b4'; Netmiko = '#2ca02c'; Ansible = '#d62728' }
function Get-ContestantColor([string] $Name) { if ($script:ContestantColors.ContainsKey($Name)) { $script:ContestantColors[$Name] } else { '#9467bd' } }

# Draws one PNG with gnuplot: the common frame, the chart's own axis lines and its plot clauses (the script is kept
# next to the PNG, same name, .gp). Returns the PNG's path, or nothing when there is nothing to plot or gnuplot failed.
function Invoke-Gnuplot([string] $Path, [string] $Title, [string[]] $Axes, [string[]] $Plots) {
    if (-not $Plots) { return $null }
    $gp = [IO.Path]::ChangeExtension($Path, '.gp')
    @("set terminal pngcairo size 960,600 enhanced font 'DejaVu Sans,11'", "set output '$Path'", "set title ""$Title""") + $Axes +
        @("set grid ytics lc rgb '#dddddd'", 'set key top left box opaque reverse Left width 2', "plot $($Plots -join ", \`n     ")") | Set-Content $gp
    & gnuplot $gp 2>&1 | ForEach-Object { Write-Host "gnuplot: $_" }
    if (Test-Path $Path) { $Path }
}

# Peak PSS against concurrency (log scales), one line per contestant.
function New-MemoryChart([object[]] $Summary, [string[]] $Contestants, [string] $Path, [string] $Title) {
    $dir = Split-Path $Path
    $plots = foreach ($m in @(Get-SessionMemory -Summary $Summary -Contestants $Contestants)) {
        $data = Join-Path $dir "memory-$($m.Contestant).dat"
        ($m.Points | ForEach-Object { '{0} {1}' -f $_.Concurrency, (Format-Number $_.PeakPssMB '0.0') }) | Set-Content $data
        "'$data' using 1:2 with linespoints lw 2 pt 7 ps 1.2 lc rgb '$(Get-ContestantColor $m.Contestant)' title '$($m.Contestant) ($(Format-Number $m.MBPerSession '0.00') MB/session)'"
    }
    Invoke-Gnuplot -Path $Path -Title $Title -Plots @($plots) -Axes @(
        "set xlabel 'concurrent sessions (log scale)'", "set ylabel 'peak memory of the process tree, MB (PSS)'", 'set logscale x 2', 'set logscale y')
}

# devices/s against fleet size, one line per contestant (at one concurrency).
function New-BenchChart([object[]] $Summary, [int] $Concurrency, [string[]] $Contestants, [string] $Path, [string] $Title) {
    $dir = Split-Path $Path
    $plots = foreach ($name in $Contestants) {
        $rows = @($Summary | Where-Object { $_.Contestant -eq $name -and $_.Concurrency -eq $Concurrency -and $_.DevicesPerSec -gt 0 } | Sort-Object Devices)
        if ($rows.Count -eq 0) { continue }
        $data = Join-Path $dir "chart-$name.dat"
        ($rows | ForEach-Object { '{0} {1} {2} {3}' -f $_.Devices, (Format-Number $_.DevicesPerSec '0.000'), (Format-Number $_.RateMin '0.000'), (Format-Number $_.RateMax '0.000') }) | Set-Content $data
        "'$data' using 1:2:3:4 with yerrorlines lw 2 pt 7 ps 1.2 lc rgb '$(Get-ContestantColor $name)' title '$name'"
    }
    Invoke-Gnuplot -Path $Path -Title $Title -Plots @($plots) -Axes @(
        "set xlabel 'fleet size (devices, log scale)'", "set ylabel 'devices registered per second (median, min–max bars)'",
        'set logscale x', 'set xrange [5:2000]', 'set yrange [0:*]')
}

Export-ModuleMember -Function *
