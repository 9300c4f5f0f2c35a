<#
.SYNOPSIS
    The Markdown report (out/bench/results.md; BENCHMARKS.md with -Publish): table, chart, targets, method, machine.
#>
param($Machine, [string[]] $Table, [string[]] $LatencyTable, [object[]] $Memory, [string] $MemoryChartName, [string[]] $Targets, $Import, $Fidelity, [string[]] $Notes, [double] $Minutes, [string] $ChartName, [string] $Repeat, [string[]] $Plan, [string[]] $KeyExchanges)
$ic = [Globalization.CultureInfo]::InvariantCulture
$out = [System.Collections.Generic.List[string]]::new()
$out.Add('# Benchmarks: fleet registration, SsmOnPrem vs the SSH floor, Netmiko and Ansible')
$out.Add('')
$out.Add("Measured $($Machine.Date) by ``build.ps1 Bench`` (tests/bench/Invoke-Benchmark.ps1) in $($Minutes.ToString('0', $ic)) minutes. Load average before: $($Machine.LoadBefore); after: $($Machine.LoadAfter) (``/proc/loadavg``: 1, 5, 15 min).")
$out.Add('')
$out.Add("Work per device (every contestant, same lines): log in, ``enable``, paging off, ``show version``, ``show license status``, ``show running-config | section call-home``, call-home transport (6 lines in configuration mode), ``copy running-config startup-config`` (Enter at the file-name question), ``ping`` On-Prem, ``telnet`` to its device port (one line once Open, so On-Prem hangs up), ``terminal monitor``, ``license smart register idtoken``, poll ``show license status`` until REGISTERED, then ``show license status``/``udi``/``summary``; IOS-XE 16 lab devices, registration delay $(if ($Machine.Contains('RegistrationDelayMs')) { $Machine.RegistrationDelayMs } else { 0 }) ms. A device counts only if SSM On-Prem registered it (lab state); ``Lost`` = devices not registered.")
$out.Add('')
$out.Add("Per contestant: **floor** = tests/bench/Floor, a minimal SSH.NET 2026.0.0 program (dedicated threads, prompt regex, nothing parsed); **SsmOnPrem** = ``Register-SsmDevice -Token -Url -ThrottleLimit`` in a fresh ``pwsh -NonInteractive`` (host keys pinned from the lab); **Netmiko** = Debian's python3-netmiko with ``fast_cli``, a thread pool of the concurrency; **Ansible** = Debian's ansible, ``cisco.ios.ios_command``/``ios_config`` (match none) over ``network_cli``, forks = concurrency. Session set-up lines come from each tool (Netmiko and SsmOnPrem press Enter once more to confirm the prompt; Ansible's IOS plugin sends ``terminal width 512`` and ``show privilege``). Ansible does not send ``terminal monitor``: its prompt detection needs the prompt at the very end of what it read, and the registration syslog printed right after the prompt makes every following task time out.")
if ($KeyExchanges) { $out.Add(''); $out.Add("Key exchange as each contestant reports it: $($KeyExchanges -join '; ') (the lab's IOS-XE 16 sshd offers Cisco-like algorithms; Netmiko and Ansible do not report theirs).") }
$out.Add('')
$out.Add("Plan: $($Plan -join ', ') (devices@concurrency), $Repeat repeat(s) each, contestants interleaved. Devices/s = registered devices ÷ wall time of the contestant's process (start to exit, process start-up included). CPU s = user+system of the whole process tree; memory = peak summed PSS of the tree (sampled every 200 ms). Ratios compare medians from this run.")
$out.Add('')
$Table | ForEach-Object { $out.Add($_) }
$out.Add('')
if ($ChartName) { $out.Add("![devices per second against fleet size]($ChartName)"); $out.Add('') }
if ($LatencyTable) {
    $out.Add('## Latency-bound fleets')
    $out.Add('')
    $out.Add("A real device takes tens of seconds to get its ID certificate from On-Prem; then the number of sessions at once, not CPU, sets the pace. Here every lab device takes the registration delay below before it reports REGISTERED, and each contestant runs once at the concurrency below (its own lab, same lines).")
    $out.Add('')
    $out.Add("| Registration delay | $(($LatencyTable | Select-Object -First 1) -replace '^\| ', '')")
    $out.Add("|---:$(($LatencyTable | Select-Object -Skip 1 -First 1))")
    foreach ($line in $LatencyTable | Select-Object -Skip 2) { $out.Add("| $($Machine.LatencyDelayMs / 1000) s $line") }
    $out.Add('')
}
if ($Memory) {
    $out.Add('## Memory per concurrent session')
    $out.Add('')
    $out.Add('Peak memory (PSS of the whole process tree) at each concurrency measured in this run (the highest peak at that concurrency, any fleet size; the latency-bound run holds all its sessions open at once), and the least-squares line through those points: its slope is the memory each further concurrent session costs, its intercept what the process needs before any session.')
    $out.Add('')
    ConvertTo-SessionMemoryMarkdown -Memory $Memory | ForEach-Object { $out.Add($_) }
    $out.Add('')
    if ($MemoryChartName) { $out.Add("![peak memory against concurrent sessions]($MemoryChartName)"); $out.Add('') }
}
$out.Add('## Targets (reported, not enforced)')
$out.Add('')
$Targets | ForEach-Object { $out.Add($_) }
$out.Add('')
if ($Import) {
    $out.Add("``Import-Module SsmOnPrem`` in a fresh pwsh $($Machine.Pwsh): median $($Import.ImportMsMedian.ToString('0', $ic)) ms ($($Import.ImportMsMin.ToString('0', $ic))–$($Import.ImportMsMax.ToString('0', $ic))) over $($Import.Samples) processes; first cmdlet after it (``ConvertFrom-SsmLicenseOutput``, loads the engine): median $($Import.FirstCmdletMsMedian.ToString('0', $ic)) ms ($($Import.FirstCmdletMsMin.ToString('0', $ic))–$($Import.FirstCmdletMsMax.ToString('0', $ic))).")
    $out.Add('')
}
if ($Machine.Contains('PwshForm') -and $Machine.PwshForm) {
    $start = $Machine.PwshStartSeconds
    $form = if ($Machine.PwshForm -eq 'ReadyToRun') { 'a copy of it compiled ReadyToRun, as PowerShell''s released packages (MSI, zip, deb) are (tests/bench/Install-ReadyToRunPwsh.ps1); the .NET global tool this machine has is IL only' } else { 'as installed here' }
    $times = @(foreach ($name in 'ReadyToRun', 'AsInstalled') { if ($start -and $start.$name) { "$name $(([double]$start.$name).ToString('0.00', $ic)) s" } }) -join ', '
    $out.Add("pwsh for SsmOnPrem: $($Machine.Pwsh), $form. ``pwsh -NoProfile -NonInteractive -c exit``, median of 5: $times.")
    $out.Add('')
}
if ($Fidelity) { $out.Add("Same CLI lines: $($Fidelity.Summary)"); $out.Add('') }
if ($Notes) { $out.Add('## Notes'); $out.Add(''); $Notes | ForEach-Object { $out.Add("- $_") }; $out.Add('') }
$out.Add('## Running it')
$out.Add('')
$out.Add('```')
$out.Add('dotnet tool restore')
$out.Add('dotnet pwsh ./build.ps1 Bench            # full run: 10/100/1,000 devices at concurrency 64, concurrency 1 and 16 at 100 devices, 3 repeats (1 at 1,000 devices), then 1,000 devices with a 20 s registration delay at concurrency 256; about 25 min on 2 cores')
$out.Add('dotnet pwsh -c "./build.ps1 Bench -BenchParameters @{ Sizes = 10,100; Concurrency = 16; Repeat = 1 }"   # quick')
$out.Add('dotnet pwsh ./build.ps1 Build; dotnet pwsh ./tests/bench/Invoke-Benchmark.ps1 -Sizes 10 -Concurrency 16 -Repeat 1 -Contestant floor,SsmOnPrem')
$out.Add('```')
$out.Add('')
$out.Add('As root on Debian the bench installs ansible, python3-netmiko and gnuplot-nox with apt-get; elsewhere Ansible and Netmiko are skipped with a message. Results: out/bench/ (results.json, results.md, chart.png, a folder per run with the job, the contestant''s output and its measurements); -Publish copies the report here. Not part of build.ps1 Test or CI.')
$out.Add('')
$out.Add('## Machine')
$out.Add('')
$out.Add('```')
$out.Add("nproc: $($Machine.Nproc)   kernel $($Machine.Kernel)   .NET SDK $($Machine.Dotnet)   pwsh $($Machine.Pwsh)   $($Machine.OpenSsh)")
if ($Machine.Ansible) { $out.Add($Machine.Ansible) }
if ($Machine.Netmiko) { $out.Add($Machine.Netmiko) }
$out.Add($Machine.Memory)
$out.Add($Machine.Cpu)
$out.Add('```')
$out
