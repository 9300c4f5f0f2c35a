<#
.SYNOPSIS
    The issue's targets, each with the measured figure and met / missed (reported, never failed on).
#>
param([object[]] $Summary, [object] $Import, [int] $Headline)
function Row($Contestant, $Devices, $Concurrency) { $Summary | Where-Object { $_.Contestant -eq $Contestant -and $_.Devices -eq $Devices -and $_.Concurrency -eq $Concurrency } | Select-Object -First 1 }
function Verdict([bool] $ok) { if ($ok) { 'met' } else { '**missed**' } }
$ic = [Globalization.CultureInfo]::InvariantCulture
$lines = [System.Collections.Generic.List[string]]::new()
$largest = ($Summary | Where-Object Contestant -EQ 'SsmOnPrem' | Measure-Object Devices -Maximum).Maximum
if ($largest) {
    $s = Row 'SsmOnPrem' $largest $Headline; $f = Row 'floor' $largest $Headline
    if ($s -and $f -and $f.DevicesPerSec) {
        $ratio = $s.DevicesPerSec / $f.DevicesPerSec
        $lines.Add("- SsmOnPrem ≥ 80 % of the floor at concurrency $Headline, $largest devices: $($ratio.ToString('P0', $ic)) ($($s.DevicesPerSec.ToString('0.00', $ic)) vs $($f.DevicesPerSec.ToString('0.00', $ic)) devices/s) — $(Verdict ($ratio -ge 0.8))$(if ($largest -lt 1000) { ' (not measured at 1,000 devices in this run)' })")
    }
    if ($s) { $lines.Add("- Client memory ≤ 150 MB at $largest devices: $($s.PeakPssMB.ToString('0', $ic)) MB PSS — $(Verdict ($s.PeakPssMB -le 150))") }
    foreach ($peer in 'Netmiko', 'Ansible') {
        $cells = @($Summary | Where-Object { $_.Contestant -eq $peer -and $_.DevicesPerSec -gt 0 })
        if (-not $cells) { continue }
        if ($peer -eq 'Netmiko') {
            $clean = @($cells | Where-Object { $_.Lost -eq 0 })
            $best = $clean | Sort-Object DevicesPerSec -Descending | Select-Object -First 1
            if (-not $best) { $lines.Add("- SsmOnPrem ≥ 1.5× Netmiko's best zero-loss configuration: Netmiko lost devices in every configuration run"); continue }
            $mine = Row 'SsmOnPrem' $best.Devices $best.Concurrency
            if ($mine) {
                $x = $mine.DevicesPerSec / $best.DevicesPerSec
                $lines.Add("- SsmOnPrem ≥ 1.5× Netmiko's best zero-loss configuration ($($best.Devices) devices, c$($best.Concurrency), $($best.DevicesPerSec.ToString('0.00', $ic)) devices/s): $($x.ToString('0.00', $ic))× — $(Verdict ($x -ge 1.5))")
            }
        }
        else {
            foreach ($c in $cells) {
                $mine = Row 'SsmOnPrem' $c.Devices $c.Concurrency
                if ($mine) {
                    $x = $mine.DevicesPerSec / $c.DevicesPerSec
                    $lines.Add("- SsmOnPrem ≥ 10× Ansible ($($c.Devices) devices, c$($c.Concurrency)): $($x.ToString('0.0', $ic))× — $(Verdict ($x -ge 10))")
                }
            }
        }
    }
}
if ($Import) { $lines.Add("- Import-Module ≤ 300 ms median: $($Import.ImportMsMedian.ToString('0', $ic)) ms — $(Verdict ($Import.ImportMsMedian -le 300))") }
$lines
