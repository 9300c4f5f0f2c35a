<#
.SYNOPSIS
    Fleet registration benchmark: floor (raw SSH.NET) vs SsmOnPrem (Register-SsmDevice) vs Ansible vs Netmiko,
    side by side in one run on the lab, with a Markdown table, a PNG chart and the module import time.
.DESCRIPTION
    dotnet pwsh ./build.ps1 Bench                      (full run; build first, installs what it needs)
    dotnet pwsh -c "./build.ps1 Bench -BenchParameters @{ Sizes = 10,100; Concurrency = 16; Repeat = 1 }"   (quick)
    dotnet pwsh ./tests/bench/Invoke-Benchmark.ps1 -Sizes 10 -Concurrency 16 -Repeat 1 -Contestant floor,SsmOnPrem
    dotnet pwsh ./tests/bench/Invoke-Benchmark.ps1 -Sizes 300 -Concurrency 256 -Repeat 1 -RegistrationDelayMs 20000 -Contestant floor,SsmOnPrem   (latency-bound)

    Every contestant run starts from a freshly reset lab (every device unregistered, registration delay 0), gets the
    same devices, the same concurrency, the same registration delay (-RegistrationDelayMs: how long a lab device
    takes to get its ID certificate, as a real one does; latency-bound fleets need hundreds of sessions at once), the same ID token kind and the same CLI lines (Bench.psm1,
    Get-RegistrationScript; checked against what Register-SsmDevice really sends), and is checked afterwards against
    On-Prem's own state: a device counts only if On-Prem registered it. Client cost is measured over the contestant's
    whole process tree (measure_tree.py: wall time, CPU seconds, peak PSS).

    Plan: the fleet sizes (-Sizes) at the highest -Concurrency, plus every other -Concurrency at
    -ConcurrencySweepSize devices. A contestant whose run hits -MaxRunSeconds, or whose projected time for a larger
    fleet exceeds it, stops there (reported). Runs are interleaved (each repeat runs every contestant in turn, in a
    rotating order) so background load drifts over all of them alike.

    Then the latency-bound phase (-LatencyDevices devices taking -LatencyDelayMs each to register, every contestant
    once at -LatencyConcurrency; #20), and a table and chart of peak memory against concurrency (MB per session).

    Writes out/bench/: results.json (every run), results.md (the table and notes), chart.png, memory-chart.png, logs per run.
    -Publish also copies the report and chart to BENCHMARKS.md and docs/bench-chart.png at the repo root.
    A figure, never a test: nothing here fails on a target; it reports them.
#>
[CmdletBinding()]
param(
    [string] $Root = (Resolve-Path (Join-Path $PSScriptRoot '../..')).Path,
    # Lists may also come as one comma-separated string (pwsh -File from a shell): '10,100'.
    [string[]] $Sizes = @(10, 100, 1000),
    [string[]] $Concurrency = @(1, 16, 64),
    [int] $ConcurrencySweepSize = 100,
    [ValidateRange(1, 20)] [int] $Repeat = 3,
    # Repeats for fleets of 1,000 devices or more (0: as -Repeat). One keeps the full run near 25 minutes on 2 cores.
    [ValidateRange(0, 20)] [int] $LargeFleetRepeat = 1,
    # floor, SsmOnPrem, Netmiko, Ansible
    [string[]] $Contestant = @('floor', 'SsmOnPrem', 'Netmiko', 'Ansible'),
    [int] $MaxRunSeconds = 600,
    # The limit for Ansible and Netmiko only (0: -MaxRunSeconds). 300 s keeps a full run near 25 minutes on 2 cores:
    # Ansible registers ~0.2-0.3 devices/s here, so each 100-device cell would take 6-8 minutes, three times over.
    [int] $PeerMaxRunSeconds = 300,
    [int] $ImportSamples = 10,
    # How long each lab device takes to register (every contestant, same lab). 0: at once (CPU-bound); a real device
    # takes tens of seconds, and then concurrency, not CPU, sets the pace.
    [ValidateRange(0, 600000)] [int] $RegistrationDelayMs = 0,
    # The latency-bound phase (after the plan, on its own lab): -LatencyDevices devices that each take -LatencyDelayMs
    # to register, every contestant once at -LatencyConcurrency. 0 devices: no such phase.
    [int] $LatencyDevices = 1000,
    [int] $LatencyConcurrency = 256,
    [ValidateRange(0, 600000)] [int] $LatencyDelayMs = 20000,
    [string] $OutDirectory,
    # The pwsh SsmOnPrem runs in. ReadyToRun: this pwsh's assemblies compiled ReadyToRun, as PowerShell's released
    # packages are (made once, Install-ReadyToRunPwsh.ps1); AsInstalled: this pwsh as it is (the .NET global tool is
    # IL only and JIT-compiles the engine at every start, which no site's pwsh does).
    [ValidateSet('ReadyToRun', 'AsInstalled')] [string] $Pwsh = 'ReadyToRun',
    [switch] $NoInstall,
    [switch] $Publish,
    # Rebuild the report (table, chart, targets) from the runs in <OutDirectory>/results.json; only the import time is measured again.
    [switch] $ReportOnly
)
$ErrorActionPreference = 'Stop'
Set-StrictMode -Version 3.0
Import-Module (Join-Path $PSScriptRoot 'Bench.psm1') -Force
$Sizes = [int[]]@($Sizes -split ',' | Where-Object { $_ })
$Concurrency = [int[]]@($Concurrency -split ',' | Where-Object { $_ })
$known = 'floor', 'SsmOnPrem', 'Netmiko', 'Ansible'
$Contestant = @($Contestant -split ',' | Where-Object { $_ } | ForEach-Object {
        $c = $_; $match = $known | Where-Object { $_ -eq $c }
        if (-not $match) { throw "Unknown contestant '$c': use $($known -join ', ')." }
        $match })
if (-not $OutDirectory) { $OutDirectory = Join-Path $Root 'out/bench' }
New-Item -ItemType Directory $OutDirectory -Force | Out-Null
$started = Get-Date
function Step([string] $m) { Write-Host "==> [$((Get-Date).ToUniversalTime().ToString('HH:mm:ss'))] $m" -ForegroundColor Cyan }

# ---- prerequisites and the floor ----
$skipped = [ordered]@{}
$prereq = Install-BenchPrerequisite -Contestant $Contestant -NoInstall:$NoInstall
if ($prereq.Measure) { throw "The bench measures process trees with /usr/bin/python3: $($prereq.Measure)" }
foreach ($name in 'Ansible', 'Netmiko') {
    if ($Contestant -contains $name -and $prereq[$name]) { $skipped[$name] = $prereq[$name]; Write-Warning "$name skipped: $($prereq[$name])" }
}
$Contestant = @($Contestant | Where-Object { -not $skipped.Contains($_) })
if (-not (Test-Path (Join-Path $Root 'out/SsmOnPrem.Lab/SsmOnPrem.Lab.psd1'))) { throw 'The lab is not built: run dotnet pwsh ./build.ps1 Build first.' }
$env:SSMONPREM_BENCH_PWSH = $null
$installedPwsh = Get-BenchPwshPath
if ($Pwsh -eq 'ReadyToRun') {
    Step 'A pwsh compiled ReadyToRun, as released packages are (tests/bench/Install-ReadyToRunPwsh.ps1; made once)'
    $env:SSMONPREM_BENCH_PWSH = & (Join-Path $PSScriptRoot 'Install-ReadyToRunPwsh.ps1') -CacheDirectory (Join-Path $Root 'out/bench')
}
$pwshStart = [ordered]@{ AsInstalled = Measure-PwshStart $installedPwsh }
if ($env:SSMONPREM_BENCH_PWSH -and $env:SSMONPREM_BENCH_PWSH -ne $installedPwsh) { $pwshStart.ReadyToRun = Measure-PwshStart $env:SSMONPREM_BENCH_PWSH }
if ($Contestant -contains 'floor' -and -not $ReportOnly) {
    Step 'Build the floor (tests/bench/Floor, SSH.NET console program)'
    & dotnet build (Join-Path $PSScriptRoot 'Floor/Floor.csproj') -c Release -o (Join-Path $Root 'out/bench/floor') --nologo -v q | Out-Null
    if ($LASTEXITCODE -ne 0) { throw 'The floor did not build.' }
}

# ---- one run ----
# The time limit of one run (the peers get -PeerMaxRunSeconds when it is set).
function Get-RunLimit([string] $Name) { if ($PeerMaxRunSeconds -and $Name -in 'Ansible', 'Netmiko') { $PeerMaxRunSeconds } else { $MaxRunSeconds } }

# The contestant's best rate so far in this bench (devices/s, any cell), 0 before its first registered device.
function Get-BestRate([string] $Name) {
    $seen = @($runs | Where-Object { $_.Contestant -eq $Name -and $_.DevicesPerSec -gt 0 })
    if ($seen.Count) { ($seen | Measure-Object DevicesPerSec -Maximum).Maximum } else { 0 }
}

# One contestant run on the given lab: measured, kept in results.json at once (a bench stopped midway keeps what it
# ran), and printed. The label names the run's folder (runs/<name>-<devices>-c<concurrency>-<label>) and its line.
function Invoke-Run([string] $Name, [object] $Lab, [object[]] $Devices, [int] $Concurrency, [int] $Limit, [int] $Repeat, [int] $DelayMs, [string] $Label) {
    $work = Join-Path $OutDirectory "runs/$Name-$($Devices.Count)-c$Concurrency-$Label"
    Remove-Item $work -Recurse -Force -ErrorAction SilentlyContinue
    $r = Invoke-Contestant -Name $Name -Root $Root -Lab $Lab -Devices $Devices -Concurrency $Concurrency -TimeoutSec $Limit -WorkDirectory $work
    $r | Add-Member Repeat $Repeat
    $r | Add-Member DelayMs $DelayMs
    $runs.Add($r)
    Write-Host ("  {0,-9} {1,5} devices c{2,-3} {3}: {4,7:0.00} devices/s  wall {5,7:0.0} s  cpu {6,7:0.0} s  pss {7,6:0} MB  lost {8}{9}" -f $Name, $Devices.Count, $Concurrency, $Label,
        $r.DevicesPerSec, $r.WallSeconds, $r.CpuSeconds, $r.PeakPssMB, $r.Lost, $(if ($r.Lost) { "  ($($r.FirstError))" } else { '' }))
    [IO.File]::WriteAllText((Join-Path $OutDirectory 'results.json'), (@{ machine = $machine; runs = $runs; notes = $notes; fidelity = $fidelity } | ConvertTo-Json -Depth 5))
    $r
}

# ---- machine ----
$machine = [ordered]@{
    Date        = $started.ToUniversalTime().ToString('yyyy-MM-dd HH:mm') + ' UTC'
    Nproc       = (& nproc)
    LoadBefore  = (Get-Content /proc/loadavg -Raw).Trim()
    Memory      = (& free -h) -join "`n"
    Cpu         = (& lscpu | Select-Object -First 14) -join "`n"
    Kernel      = (& uname -r)
    Dotnet      = (& dotnet --version)
    Pwsh        = $PSVersionTable.PSVersion.ToString()
    PwshForm    = $Pwsh
    PwshPath    = Get-BenchPwshPath
    PwshStartSeconds = $pwshStart
    RegistrationDelayMs = $RegistrationDelayMs
    LatencyDelayMs = $LatencyDelayMs
    OpenSsh     = ((& /usr/sbin/sshd -V 2>&1) | Select-Object -First 1) -join ''
    Ansible     = if ($Contestant -contains 'Ansible') { ((& ansible --version) | Select-Object -First 1) -join '' } else { $null }
    Netmiko     = if ($Contestant -contains 'Netmiko') { (& /usr/bin/python3 -c 'import netmiko, paramiko; print("netmiko", netmiko.__version__, "paramiko", paramiko.__version__)') -join '' } else { $null }
}

$headline = ($Concurrency | Measure-Object -Maximum).Maximum
$sweepSize = $ConcurrencySweepSize
$largest = (@($Sizes) + @(if (@($Concurrency | Where-Object { $_ -ne $headline }).Count) { $sweepSize }) | Measure-Object -Maximum).Maximum
$runs = [System.Collections.Generic.List[object]]::new()
$notes = [System.Collections.Generic.List[string]]::new()
$fidelity = $null
if ($ReportOnly) {
    $saved = Get-Content (Join-Path $OutDirectory 'results.json') -Raw | ConvertFrom-Json
    $saved.runs | ForEach-Object { $runs.Add($_) }
    $machine = [ordered]@{}; $saved.machine.PSObject.Properties | ForEach-Object { $machine[$_.Name] = $_.Value }
    if ($saved.PSObject.Properties['notes']) { $saved.notes | ForEach-Object { $notes.Add($_) } }
    if ($saved.PSObject.Properties['fidelity']) { $fidelity = $saved.fidelity }
    $planned = @($runs | Where-Object { (Get-RunDelay $_) -eq [int]$machine['RegistrationDelayMs'] })   # not the latency-bound phase
    $headline = ($planned | Measure-Object Concurrency -Maximum).Maximum
    $cells = @($planned | Sort-Object { $_.Concurrency -ne $headline }, Devices, Concurrency | ForEach-Object { "$($_.Devices)@$($_.Concurrency)" } | Select-Object -Unique |
        ForEach-Object { $d, $c = $_.Split('@'); [pscustomobject]@{ Devices = [int]$d; Concurrency = [int]$c } })
    foreach ($r in $runs | Where-Object TimedOut) {
        $note = "$($r.Contestant) at concurrency $($r.Concurrency) was stopped at the time limit with $($r.Devices) devices (run $($r.Repeat))."
        if (-not $notes.Contains($note)) { $notes.Add($note) }
    }
    $Repeat = ($runs | Measure-Object Repeat -Maximum).Maximum
}
else {
# ---- the lab: one lab of the largest size, reset before every run ----
Import-Module (Join-Path $Root 'out/SsmOnPrem.Lab/SsmOnPrem.Lab.psd1')
Step "Start a lab of $largest IOS-XE 16 devices, registration delay $RegistrationDelayMs ms"
$labObject = Start-BenchLab -DeviceCount $largest -RegistrationDelayMs $RegistrationDelayMs
try {
    $lab = Read-LabJson $labObject.Path
    $lab | Add-Member StateDirectory $labObject.Path -Force
    Write-Host "Lab up in $($lab.StartSeconds) s: $($lab.Devices.Count) devices, $(@($lab.SshdProcessIds).Count) sshd."

    # ---- same lines: what Register-SsmDevice sends, against the script the others send ----
    if ($Contestant -contains 'SsmOnPrem') {
        Step 'Check the registration script against what Register-SsmDevice sends (one device, -Verbose)'
        $fidelity = & (Join-Path $PSScriptRoot 'Compare-RegistrationScript.ps1') -Root $Root -Lab $lab
        Write-Host $fidelity.Summary
        if ($fidelity.NotAvailable) { $skipped['SsmOnPrem'] = $fidelity.Summary; $Contestant = @($Contestant | Where-Object { $_ -ne 'SsmOnPrem' }) }
    }

    # ---- the plan ----
    $cells = @($Sizes | Sort-Object | ForEach-Object { [pscustomobject]@{ Devices = $_; Concurrency = $headline } })
    $cells += @($Concurrency | Where-Object { $_ -ne $headline } | Sort-Object | ForEach-Object { [pscustomobject]@{ Devices = $sweepSize; Concurrency = $_ } })
    $stoppedAt = @{}   # "contestant/concurrency" -> reason; larger fleets are not tried
    Step "Plan: $(($cells | ForEach-Object { "$($_.Devices)@c$($_.Concurrency)" }) -join ', ') × $Repeat repeat(s)$(if ($LargeFleetRepeat) { " ($LargeFleetRepeat for 1,000+ devices)" }) × $($Contestant -join ', ')"
    for ($rep = 1; $rep -le $Repeat; $rep++) {
        foreach ($cell in $cells) {
            if ($cell.Devices -ge 1000 -and $LargeFleetRepeat -and $rep -gt $LargeFleetRepeat) { continue }
            $order = @($Contestant); $shift = ($rep - 1) % [Math]::Max(1, $order.Count)
            $order = @($order[$shift..($order.Count - 1)]) + @(if ($shift) { $order[0..($shift - 1)] })
            foreach ($name in $order) {
                $key = "$name/$($cell.Concurrency)"
                $limit = Get-RunLimit $name
                if ($stoppedAt.ContainsKey($key) -and $stoppedAt[$key].Devices -lt $cell.Devices) { continue }
                # Projected time from this contestant's best rate so far (any concurrency, small fleets: optimistic, so
                # it must stay a quarter under the limit; a 10-device rate once projected Ansible 555 s for 100 devices,
                # and the run then took the whole 600 s).
                $best = Get-BestRate $name
                if ($best) {
                    $projected = $cell.Devices / $best
                    if ($projected * 1.25 -gt $limit) {
                        if (-not $stoppedAt.ContainsKey($key)) {
                            $stoppedAt[$key] = [pscustomobject]@{ Devices = $cell.Devices - 1 }
                            $notes.Add("$name at concurrency $($cell.Concurrency) stops before $($cell.Devices) devices: projected $([math]::Round($projected)) s at its best rate so far ($([math]::Round($best, 2)) devices/s) is not a quarter under the $limit s limit.")
                        }
                        continue
                    }
                }
                $r = Invoke-Run -Name $name -Lab $lab -Devices @($lab.Devices | Select-Object -First $cell.Devices) -Concurrency $cell.Concurrency -Limit $limit -Repeat $rep -DelayMs $RegistrationDelayMs -Label "r$rep"
                if ($r.TimedOut -and -not $stoppedAt.ContainsKey($key)) {
                    # Not again in later repeats, nor at lower concurrency (fewer workers are never faster).
                    foreach ($c in @($Concurrency | Where-Object { $_ -le $cell.Concurrency })) {
                        if (-not $stoppedAt.ContainsKey("$name/$c")) { $stoppedAt["$name/$c"] = [pscustomobject]@{ Devices = $cell.Devices - 1 } }
                    }
                    $notes.Add("$name at concurrency $($cell.Concurrency) was stopped at the $limit s limit with $($cell.Devices) devices; that fleet is not tried again (nor larger ones, nor at lower concurrency).")
                }
            }
        }
    }

    # ---- the latency-bound phase: real devices take tens of seconds to register, so concurrency sets the pace ----
    if ($LatencyDevices -gt 0) {
        Step 'Stop the lab'
        $labObject | Stop-SsmLab
        Step "Start a lab of $LatencyDevices IOS-XE 16 devices, registration delay $LatencyDelayMs ms (latency-bound phase)"
        $labObject = Start-BenchLab -DeviceCount $LatencyDevices -RegistrationDelayMs $LatencyDelayMs
        $lab = Read-LabJson $labObject.Path
        $lab | Add-Member StateDirectory $labObject.Path -Force
        foreach ($name in $Contestant) {
            $limit = Get-RunLimit $name
            # At least one registration delay per wave of sessions, at best the contestant's fastest rate so far.
            $waves = [math]::Ceiling($LatencyDevices / $LatencyConcurrency) * $LatencyDelayMs / 1000
            $best = Get-BestRate $name
            $projected = [math]::Max($waves, $(if ($best) { $LatencyDevices / $best } else { 0 }))
            if ($projected * 1.25 -gt $limit) {
                $notes.Add("$name skips the latency-bound phase ($LatencyDevices devices, c$LatencyConcurrency, $LatencyDelayMs ms): projected $([math]::Round($projected)) s is not a quarter under the $limit s limit.")
                continue
            }
            $r = Invoke-Run -Name $name -Lab $lab -Devices @($lab.Devices) -Concurrency $LatencyConcurrency -Limit $limit -Repeat 1 -DelayMs $LatencyDelayMs -Label "delay$LatencyDelayMs"
            if ($r.TimedOut) { $notes.Add("$name was stopped at the $limit s limit in the latency-bound phase.") }
        }
    }
}
finally {
    Step 'Stop the lab'
    $labObject | Stop-SsmLab
}
$machine.LoadAfter = (Get-Content /proc/loadavg -Raw).Trim()
}

Step "Import-Module SsmOnPrem: $ImportSamples fresh pwsh processes"
$import = & (Join-Path $PSScriptRoot 'Measure-ModuleImport.ps1') -Root $Root -Count $ImportSamples

# ---- report ----
$everyone = @('floor', 'SsmOnPrem', 'Netmiko', 'Ansible')
$summary = @(Get-BenchSummary $runs)
$mainDelay = if ($machine.Contains('RegistrationDelayMs')) { [int]$machine.RegistrationDelayMs } else { 0 }
$mainSummary = @($summary | Where-Object DelayMs -EQ $mainDelay)
$latencySummary = @($summary | Where-Object DelayMs -NE $mainDelay)
$table = ConvertTo-BenchMarkdown -Summary $mainSummary -Contestants $everyone
$latencyTable = if ($latencySummary) { ConvertTo-BenchMarkdown -Summary $latencySummary -Contestants $everyone }
$memory = Get-SessionMemory -Summary $summary -Contestants $everyone
$chart = $memoryChart = $null
if ($prereq.Chart) { $notes.Add("No chart: $($prereq.Chart)") }
else {
    $chart = New-BenchChart -Summary $mainSummary -Concurrency $headline -Contestants $everyone -Path (Join-Path $OutDirectory 'chart.png') -Title "Fleet registration on the lab, concurrency $headline ($($machine.Nproc) cores, $($machine.Date))"
    $memoryChart = New-MemoryChart -Summary $summary -Contestants $everyone -Path (Join-Path $OutDirectory 'memory-chart.png') -Title "Peak memory against concurrent sessions ($($machine.Nproc) cores, $($machine.Date))"
}
$targets = & (Join-Path $PSScriptRoot 'Get-BenchTarget.ps1') -Summary $mainSummary -LatencySummary $latencySummary -Import $import -Headline $headline
foreach ($name in $skipped.Keys) { $notes.Add("$name skipped: $($skipped[$name])") }
$minutes = ((Get-Date) - $started).TotalMinutes
if ($ReportOnly) {
    $savedAt = (Get-Item (Join-Path $OutDirectory 'results.json')).LastWriteTimeUtc
    $minutes = if ($machine.Contains('Minutes')) { [double]$machine.Minutes }
               else { ($savedAt - [datetime]::ParseExact(($machine.Date -replace ' UTC$'), 'yyyy-MM-dd HH:mm', [Globalization.CultureInfo]::InvariantCulture)).TotalMinutes }
    if (-not $machine.Contains('LoadAfter') -or -not $machine.LoadAfter) { $machine.LoadAfter = "$((Get-Content /proc/loadavg -Raw).Trim()) (at report time)" }
}
else { $machine.Minutes = $minutes }
$keyExchanges = Get-KeyExchangeSummary $runs
$report = & (Join-Path $PSScriptRoot 'Format-BenchReport.ps1') -Machine $machine -Table $table -LatencyTable $latencyTable -Memory $memory -MemoryChartName $(if ($memoryChart) { 'memory-chart.png' }) -Targets $targets -Import $import -Fidelity $fidelity `
    -Notes $notes -Minutes $minutes -ChartName $(if ($chart) { 'chart.png' }) -Repeat $(if ($LargeFleetRepeat) { "$Repeat ($LargeFleetRepeat for 1,000+ devices)" } else { $Repeat }) -Plan ($cells | ForEach-Object { "$($_.Devices)@c$($_.Concurrency)" }) -KeyExchanges $keyExchanges
[IO.File]::WriteAllText((Join-Path $OutDirectory 'results.json'), (@{ machine = $machine; import = $import; fidelity = $fidelity; notes = $notes; runs = $runs; summary = $summary } | ConvertTo-Json -Depth 6))
$report | Set-Content (Join-Path $OutDirectory 'results.md')
Write-Host ''
$table | ForEach-Object { Write-Host $_ }
$targets | ForEach-Object { Write-Host $_ }
Write-Host "Report: $(Join-Path $OutDirectory 'results.md')$(if ($chart) { ", chart: $chart" }) ($([math]::Round($minutes, 1)) min)"
if ($Publish) {
    New-Item -ItemType Directory (Join-Path $Root 'docs') -Force | Out-Null
    if ($chart) { Copy-Item $chart (Join-Path $Root 'docs/bench-chart.png') -Force }
    if ($memoryChart) { Copy-Item $memoryChart (Join-Path $Root 'docs/bench-memory-chart.png') -Force }
    ($report -replace '\]\(chart\.png\)', '](docs/bench-chart.png)' -replace '\]\(memory-chart\.png\)', '](docs/bench-memory-chart.png)') | Set-Content (Join-Path $Root 'BENCHMARKS.md')
    Write-Host 'Published: BENCHMARKS.md, docs/bench-chart.png, docs/bench-memory-chart.png'
}
