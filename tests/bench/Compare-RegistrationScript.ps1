<#
.SYNOPSIS
    Checks that the benchmark's registration script (Bench.psm1, Get-RegistrationScript: what the floor, Netmiko and
    Ansible send) is line for line what Register-SsmDevice sends, by registering one lab device with -Verbose
    (the session layer writes every line it sends as "> line").
#>
param([Parameter(Mandatory)] [string] $Root, [Parameter(Mandatory)] [object] $Lab)
$ErrorActionPreference = 'Stop'
Import-Module (Join-Path $PSScriptRoot 'Bench.psm1')
Import-Module (Join-Path $Root 'SsmOnPrem.psd1') -Force
if (-not (Get-Command Register-SsmDevice -ErrorAction SilentlyContinue)) {
    return [pscustomobject]@{ NotAvailable = $true; Match = $false; Summary = 'SsmOnPrem: not available yet (Register-SsmDevice is not in this build of the module).' }
}
Reset-SsmLab -Path $Lab.StateDirectory -Confirm:$false
$token = New-BenchToken $Lab
$script = Get-RegistrationScript -Lab $Lab -Token $token
$d = $Lab.Devices[0]
$device = [pscustomobject]@{
    ComputerName = $d.ComputerName; Port = $d.Port; HostKeyFingerprint = $d.HostKeyFingerprint
    Credential = [pscredential]::new($d.Username, (ConvertTo-SecureString $d.Password -AsPlainText -Force))
    EnableCredential = [pscredential]::new('enable', (ConvertTo-SecureString $d.EnableSecret -AsPlainText -Force))
}
$records = $device | Register-SsmDevice -Token $token -Url $script.url -Verbose -ErrorAction SilentlyContinue 4>&1 2>&1
$result = $records | Where-Object { $_ -is [psobject] -and $_.PSObject.Properties['Status'] } | Select-Object -First 1
$sent = [System.Collections.Generic.List[string]]::new()
foreach ($v in $records | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] }) {
    if ($v.Message -match 'Entering privileged EXEC mode') { $sent.Add('enable') }
    elseif ($v.Message -match '^\S+: > (.*)$') { $sent.Add($Matches[1]) }
}
$polls = [Math]::Max(1, @($sent | Where-Object { $_ -eq $script.poll.command }).Count - 2)
$expected = @(Get-ScriptLine -Script $script -Polls $polls -MaskToken)
$same = ($sent.Count -eq $expected.Count) -and -not (Compare-Object @($sent) $expected -SyncWindow 0)
$diff = if (-not $same) {
    $n = [Math]::Max($sent.Count, $expected.Count)
    @(for ($i = 0; $i -lt $n; $i++) {
        $a = if ($i -lt $sent.Count) { $sent[$i] } else { '(nothing)' }
        $b = if ($i -lt $expected.Count) { $expected[$i] } else { '(nothing)' }
        if ($a -ne $b) { "line $($i + 1): module sent '$a', script has '$b'" }
    }) | Select-Object -First 5
}
[pscustomobject]@{
    NotAvailable = $false
    Match        = $same
    Status       = if ($result) { "$($result.Status)" } else { 'no result' }
    Lines        = $sent.Count
    Polls        = $polls
    Sent         = @($sent)
    Differences  = @($diff)
    Summary      = if ($same) { "Same lines: Register-SsmDevice sent the script's $($sent.Count) lines ($polls status poll(s)); device $($result.Status)." }
                   else { "DIFFERENT lines (device $(if ($result) { $result.Status })): $($diff -join '; ')" }
}
