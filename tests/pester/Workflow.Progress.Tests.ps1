# Progress a person can read during a fleet run: the progress bar's counts (records collected from a PowerShell
# instance, the way a host receives them) and the one-line summaries on the information stream (-ProgressInterval).
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-Module (Join-Path (Get-RepoRoot) 'out/SsmOnPrem.Lab/SsmOnPrem.Lab.psd1') -Force
    Import-Module (Get-ModuleManifestPath) -Force
    # Each registration waits 2.5 s in the lab, so a run of a few devices lasts long enough for several summary lines.
    $script:lab = Start-SsmLab -DeviceCount 9 -Platform mix -RegistrationDelayMs 2500
    $script:dev = $lab.Devices
    $u = [uri]$lab.OnPremServer
    $script:conn = Connect-SsmOnPrem -Server $u.Host -Port $u.Port -DevicePort $u.Port -Credential $lab.ApiCredential `
        -CertificateThumbprint $lab.CertificateThumbprint -Account $lab.Account -VirtualAccount $lab.VirtualAccount -PassThru
    $script:token = New-SsmToken -Description 'progress tests' -MaxUses 100

    # "Register-SsmDevice: 3 of 8 finished (2 ok, 1 failed), 5 remaining; at Queued 1, Wait 4; 00:00:04 elapsed"
    function script:Read-Summary([string] $Line) {
        $m = [regex]::Match($Line, '^(?<cmd>[\w-]+): (?<fin>\d+) of (?<total>\d+) finished \((?<ok>\d+) ok, (?<failed>\d+) failed\), (?<rem>\d+) remaining(; at (?<stages>[^;]+))?; \d\d:\d\d:\d\d elapsed$')
        if (-not $m.Success) { throw "Not a summary line: $Line" }
        $stages = [ordered]@{}
        if ($m.Groups['stages'].Success) {
            foreach ($part in $m.Groups['stages'].Value -split ', ') { $name, $n = $part -split ' '; $stages[$name] = [int]$n }
        }
        [pscustomobject]@{ Command = $m.Groups['cmd'].Value; Finished = [int]$m.Groups['fin'].Value; Total = [int]$m.Groups['total'].Value
            Ok = [int]$m.Groups['ok'].Value; Failed = [int]$m.Groups['failed'].Value; Remaining = [int]$m.Groups['rem'].Value; Stages = $stages }
    }
}

AfterAll {
    Disconnect-SsmOnPrem -ErrorAction SilentlyContinue
    if ($script:lab) { $script:lab | Stop-SsmLab }
}

Describe 'A fleet run with -ProgressInterval 1' {
    BeforeAll {
        $script:fleet = @($dev[0..7])
        # One device with a wrong password: it fails at Connect and must be counted as failed.
        $fleet[3] = $fleet[3] | Select-Object *
        $fleet[3].Credential = [pscredential]::new($fleet[3].Credential.UserName, (ConvertTo-SecureString 'not-the-password' -AsPlainText -Force))
        $script:results = $fleet | Register-SsmDevice -Token $token -ThrottleLimit 4 -ProgressInterval 1 -Confirm:$false -WarningAction SilentlyContinue `
            -InformationVariable progressInfo -ErrorAction SilentlyContinue
        $script:info = @($progressInfo | Where-Object { $_.Tags -contains 'SsmOnPrem.Progress' })
        $script:lines = @($info | ForEach-Object { Read-Summary "$($_.MessageData)" })
    }

    It 'writes summary lines on the information stream while devices are at work' {
        $results | Should -HaveCount 8
        $info.Count | Should -BeGreaterOrEqual 2 -Because 'the run lasts several seconds (2.5 s per registration, 8 devices, 4 at a time)'
        $info[0].Source | Should -Be 'Register-SsmDevice'
        $lines | ForEach-Object { $_.Command | Should -Be 'Register-SsmDevice' }
        @($lines | Where-Object Remaining -GT 0).Count | Should -BeGreaterOrEqual 1
    }

    It 'gives counts that add up to the fleet size in every line' {
        foreach ($l in $lines) {
            $l.Total | Should -Be 8
            ($l.Finished + $l.Remaining) | Should -Be 8
            ($l.Ok + $l.Failed) | Should -Be $l.Finished
            $stageSum = 0; foreach ($v in $l.Stages.Values) { $stageSum += $v }
            $stageSum | Should -Be $l.Remaining -Because "the stage counts are where the remaining devices are: $($l.Stages | Out-String)"
        }
    }

    It 'names the workflow''s stages and ends with a closing line of the outcome' {
        $seen = $lines | ForEach-Object { $_.Stages.Keys } | Sort-Object -Unique
        @($seen | Where-Object { $_ -in 'Register', 'Wait', 'Verify', 'Identify', 'Transport', 'Connectivity' }).Count | Should -BeGreaterOrEqual 1 -Because "stages seen: $($seen -join ', ')"
        $seen | Should -Not -Contain 'Working' -Because 'Register-SsmDevice reports its own stages'
        $last = $lines[-1]
        $last.Finished | Should -Be 8
        $last.Failed | Should -Be 1
        $last.Ok | Should -Be 7
        $last.Stages.Count | Should -Be 0
    }

    It 'writes nothing with -ProgressInterval 0' {
        $out = $dev[8] | Register-SsmDevice -Token $token -ProgressInterval 0 -Confirm:$false -WarningAction SilentlyContinue -InformationVariable quiet
        $out.Status | Should -BeIn 'Registered', 'Reported'
        @($quiet | Where-Object { $_.Tags -contains 'SsmOnPrem.Progress' }) | Should -HaveCount 0
    }
}

Describe 'The progress bar of a fleet run' {
    It 'carries done / failed / remaining and the stage counts in its records' {
        # A PowerShell instance collects the progress records a host would draw (Streams.Progress).
        $ps = [powershell]::Create()
        try {
            $null = $ps.AddScript({
                param($Manifest, $Devices, $Token, $Connection)
                Import-Module $Manifest
                $Devices | Register-SsmDevice -Token $Token -Connection $Connection -Force -ThrottleLimit 3 -ProgressInterval 0 -Confirm:$false
            }).AddArgument((Get-ModuleManifestPath)).AddArgument(@($dev[0..5])).AddArgument($token).AddArgument($conn)
            $out = $ps.Invoke()
            $out | Should -HaveCount 6
            $records = @($ps.Streams.Progress | Where-Object Activity -EQ 'Register-SsmDevice')
            $records.Count | Should -BeGreaterOrEqual 2
            $running = @($records | Where-Object RecordType -EQ 'Processing')
            # Devices stream in from the pipeline, so the total grows to 6 while the first ones already run.
            foreach ($r in $running) {
                $m = [regex]::Match($r.StatusDescription, '^(\d+) of (\d+) finished \((\d+) ok, (\d+) failed\), (\d+) remaining$')
                $m.Success | Should -BeTrue -Because $r.StatusDescription
                [int]$m.Groups[2].Value | Should -BeLessOrEqual 6
                ([int]$m.Groups[1].Value + [int]$m.Groups[5].Value) | Should -Be ([int]$m.Groups[2].Value)
                $r.PercentComplete | Should -Be ([math]::Floor(100 * [int]$m.Groups[1].Value / [int]$m.Groups[2].Value))
            }
            $running[-1].StatusDescription | Should -Match ' of 6 finished'
            @($running | Where-Object { $_.CurrentOperation -match '^at .*\b(Identify|Transport|Connectivity|Register|Wait|Verify) \d+' }).Count | Should -BeGreaterOrEqual 1
            $records[-1].RecordType | Should -Be 'Completed'
        }
        finally { $ps.Dispose() }
    }
}

Describe 'Where summary lines are written by default' {
    It 'writes them every 30 s in pwsh -NonInteractive and in hosts other than the console; a given -ProgressInterval wins' {
        $r = Invoke-FreshPwsh @"
Import-Module '$(Get-ModuleManifestPath)'
`$h = [SsmOnPrem.Commands.Infrastructure.FleetHost]
"nonInteractive=`$(`$h::SummaryIntervalSec(`$Host, `$null)) bar=`$(`$h::ShowsProgressBar(`$Host))"
`$ps = [powershell]::Create()
try { "otherHost=`$(`$ps.AddScript('[SsmOnPrem.Commands.Infrastructure.FleetHost]::SummaryIntervalSec(`$Host, `$null); `$Host.Name').Invoke() -join '/')" } finally { `$ps.Dispose() }
"given=`$(`$h::SummaryIntervalSec(`$Host, 5)) off=`$(`$h::SummaryIntervalSec(`$Host, 0))"
"@
        $r.ExitCode | Should -Be 0 -Because $r.Text
        $r.Output | Should -Contain 'nonInteractive=30 bar=False'
        $r.Output | Should -Contain 'otherHost=30/Default Host'
        $r.Output | Should -Contain 'given=5 off=0'
    }
}

Describe 'Reading -NonInteractive from the command line' {
    It 'knows the switch and the prefixes pwsh accepts, and nothing that merely starts with -no' {
        $method = [SsmOnPrem.Commands.Infrastructure.FleetHost].GetMethod('StartedNonInteractive', [Reflection.BindingFlags]'NonPublic,Static')
        $yes = { param([string[]] $a) $method.Invoke($null, @(, $a)) }
        & $yes @('pwsh', '-NonInteractive', '-File', 'x.ps1') | Should -BeTrue
        & $yes @('pwsh', '-noni', '-c', '1') | Should -BeTrue
        & $yes @('powershell.exe', '/NonInteractive') | Should -BeTrue
        & $yes @('pwsh', '--noninteractive') | Should -BeTrue
        & $yes @('pwsh', '-NoProfile', '-NoLogo', '-c', '1') | Should -BeFalse
        & $yes @('pwsh', '-non') | Should -BeFalse -Because 'pwsh takes -NonInteractive from -noni on; -non is not a switch it knows'
        & $yes @('pwsh', '-File', 'noninteractive.ps1') | Should -BeFalse
    }
}
