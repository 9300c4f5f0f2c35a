<#
.SYNOPSIS
    The issues' targets, each with the measured figure and met / missed (reported, never failed on): performance v2
    (#20) first, then the round-1 targets it keeps.
#>
param([object[]] $Summary, [object[]] $LatencySummary, [object] $Import, [int] $Headline)
function Row([object[]] $From, $Contestant, $Devices, $Concurrency) { $From | Where-Object { $_.Contestant -eq $Contestant -and $_.Devices -eq $Devices -and $_.Concurrency -eq $Concurrency } | Select-Object -First 1 }
function Verdict([bool] $ok) { if ($ok) { 'met' } else { '**missed**' } }
function N($Value, [string] $Format = '0') { ([double]$Value).ToString($Format, [Globalization.CultureInfo]::InvariantCulture) }
function CpuMs($Row) { 1000 * $Row.CpuSeconds / [math]::Max(1, $Row.Devices - $Row.Lost / $Row.Runs) }   # per registered device (Lost sums the runs)
$lines = [System.Collections.Generic.List[string]]::new()
$largest = ($Summary | Where-Object Contestant -EQ 'SsmOnPrem' | Measure-Object Devices -Maximum).Maximum
$at = if ($largest -lt 1000) { ' (not measured at 1,000 devices in this run)' } else { '' }
if ($largest) {
    $s = Row $Summary 'SsmOnPrem' $largest $Headline; $f = Row $Summary 'floor' $largest $Headline; $n = Row $Summary 'Netmiko' $largest $Headline
    if ($s) {
        $lines.Add("- Peak memory ≤ 120 MB at $largest devices, concurrency ${Headline}: $(N $s.PeakPssMB) MB PSS$(if ($f) { " (the floor: $(N $f.PeakPssMB) MB)" }) — $(Verdict ($s.PeakPssMB -le 120))$at")
        if ($n) { $lines.Add("- CPU per registered device ≤ Netmiko's at $largest devices, concurrency ${Headline}: $(N (CpuMs $s)) ms vs $(N (CpuMs $n)) ms$(if ($f) { " (the floor: $(N (CpuMs $f)) ms)" }) — $(Verdict ((CpuMs $s) -le (CpuMs $n)))$at") }
    }
    if ($s -and $f -and $f.DevicesPerSec) {
        $ratio = $s.DevicesPerSec / $f.DevicesPerSec
        $lines.Add("- SsmOnPrem ≥ 95 % of the floor at $largest devices, concurrency ${Headline}: $($ratio.ToString('P0', [Globalization.CultureInfo]::InvariantCulture)) ($(N $s.DevicesPerSec '0.00') vs $(N $f.DevicesPerSec '0.00') devices/s) — $(Verdict ($ratio -ge 0.95))$at")
    }
}
foreach ($s in @($LatencySummary | Where-Object Contestant -EQ 'SsmOnPrem')) {
    $f = Row $LatencySummary 'floor' $s.Devices $s.Concurrency
    $ratio = if ($f -and $f.DevicesPerSec) { $s.DevicesPerSec / $f.DevicesPerSec } else { $null }
    $ok = $ratio -ge 0.9 -and $s.PeakPssMB -le 250 -and $s.Lost -eq 0
    $lines.Add("- Latency-bound ($($s.Devices) devices, $(N ($s.DelayMs / 1000)) s registration delay, concurrency $($s.Concurrency)): ≥ 90 % of the floor, ≤ 250 MB, zero lost: $(if ($null -ne $ratio) { $ratio.ToString('P0', [Globalization.CultureInfo]::InvariantCulture) } else { 'no floor run' }) ($(N $s.DevicesPerSec '0.00') vs $(if ($f) { N $f.DevicesPerSec '0.00' } else { '—' }) devices/s), $(N $s.PeakPssMB) MB, $($s.Lost) lost — $(Verdict $ok)")
}
$s = Row $Summary 'SsmOnPrem' 100 16; $f = Row $Summary 'floor' 100 16
if ($s -and $f -and $f.DevicesPerSec) {
    $ratio = $s.DevicesPerSec / $f.DevicesPerSec
    # Also in seconds: the run is ~4 s, so the ratio mostly measures a fixed cost (pwsh's own start is ~0.3 s of it).
    $wall = $s.Devices / $s.DevicesPerSec; $floorWall = $f.Devices / $f.DevicesPerSec
    $lines.Add("- Start-up (100 devices, concurrency 16, process start included) ≥ 85 % of the floor: $($ratio.ToString('P0', [Globalization.CultureInfo]::InvariantCulture)) ($(N $s.DevicesPerSec '0.00') vs $(N $f.DevicesPerSec '0.00') devices/s; $(N $wall '0.00') s against $(N $floorWall '0.00') s, $(N ($wall - $floorWall) '0.00') s more) — $(Verdict ($ratio -ge 0.85))")
}
$mine = @(@($Summary) + @($LatencySummary) | Where-Object { $_ -and $_.Contestant -eq 'SsmOnPrem' })
if ($mine) { $lost = ($mine | Measure-Object Lost -Sum).Sum; $lines.Add("- SsmOnPrem zero lost everywhere: $lost lost over $($mine.Count) cells — $(Verdict ($lost -eq 0))") }
if ($Import) { $lines.Add("- Import-Module ≤ 300 ms median: $(N $Import.ImportMsMedian) ms — $(Verdict ($Import.ImportMsMedian -le 300))") }

# Round 1, kept: against the peers at their best.
$cells = @($Summary | Where-Object { $_.Contestant -eq 'Netmiko' -and $_.DevicesPerSec -gt 0 -and $_.Lost -eq 0 })
$best = $cells | Sort-Object DevicesPerSec -Descending | Select-Object -First 1
if ($best) {
    $s = Row $Summary 'SsmOnPrem' $best.Devices $best.Concurrency
    if ($s) { $x = $s.DevicesPerSec / $best.DevicesPerSec; $lines.Add("- (round 1) SsmOnPrem ≥ 1.5× Netmiko's best zero-loss configuration ($($best.Devices) devices, c$($best.Concurrency), $(N $best.DevicesPerSec '0.00') devices/s): $(N $x '0.00')× — $(Verdict ($x -ge 1.5))") }
}
foreach ($c in @($Summary | Where-Object { $_.Contestant -eq 'Ansible' -and $_.DevicesPerSec -gt 0 })) {
    $s = Row $Summary 'SsmOnPrem' $c.Devices $c.Concurrency
    if ($s) { $x = $s.DevicesPerSec / $c.DevicesPerSec; $lines.Add("- (round 1) SsmOnPrem ≥ 10× Ansible ($($c.Devices) devices, c$($c.Concurrency)): $(N $x '0.0')× — $(Verdict ($x -ge 10))") }
}
$lines
