# Export-SsmRegistrationReport: one self-contained HTML file from results and journals, looked at in headless Chromium
# (a screenshot whose pixels must show the charts), at 10 and at 10,000 results; merging shards' journals and reruns;
# no script, no external resource, no secret; bad input refused with stable ErrorIds; a real lab run end to end.
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-Module (Join-Path $PSScriptRoot 'BrowserHelpers.psm1') -Force
    Import-Module (Get-ModuleManifestPath) -Force
    $script:work = Join-Path ([IO.Path]::GetTempPath()) ("ssm-report-" + [guid]::NewGuid())
    New-Item -ItemType Directory $work | Out-Null
    $script:green = '#2e7d32'; $script:red = '#c62828'

    # A result as Register-SsmDevice returns it (the properties the report reads), made without a lab.
    function script:New-Result([int] $i, [string] $Status = 'Registered', [string] $Stage, [string] $Reason, [double] $Seconds = 5, [string] $Platform = 'IOS-XE') {
        [pscustomobject]@{
            ComputerName = "10.0.$([math]::Floor($i / 250)).$($i % 250 + 1)"; Port = 22; Hostname = "sw$i"; Platform = $Platform; Release = '17.9.4'
            Mode = 'SLP'; Status = $Status; FailureStage = $Stage; FailureReason = $Reason; ErrorId = if ($Stage) { "${Stage}Failed" } else { $null }
            Recommendation = if ($Stage) { "Fix the $Stage problem" } else { $null }
            StartedAt = [DateTimeOffset]::new(2026, 12, 3, 2, 0, 0, [TimeSpan]::Zero).AddSeconds($i); Duration = [TimeSpan]::FromSeconds($Seconds)
        }
    }
    function script:Get-Fleet([int] $Count) {
        $platforms = 'IOS-XE', 'NX-OS', 'IOS-XR', 'ASA'
        for ($i = 0; $i -lt $Count; $i++) {
            $p = $platforms[$i % 4]
            if ($i % 10 -eq 3) { New-Result $i Failed Register 'Communication message send error' (20 + $i % 7) $p }
            elseif ($i % 25 -eq 7) { New-Result $i Failed Connect 'Authentication failed' 1.5 $p }
            elseif ($i % 17 -eq 0) { New-Result $i AlreadyRegistered -Seconds (3 + $i % 5) -Platform $p }
            else { New-Result $i Registered -Seconds (4 + ($i % 13) * 1.5) -Platform $p }
        }
    }
}

AfterAll { Remove-Item $work -Recurse -Force -ErrorAction SilentlyContinue }

Describe 'A report of 10 results' {
    BeforeAll {
        $script:ten = @(Get-Fleet 10)
        $script:path10 = Join-Path $work 'ten.html'
        $script:summary = $ten | Export-SsmRegistrationReport -Path $path10 -Title 'Ten devices' -PassThru
        $script:html = Get-Content $path10 -Raw
    }

    It 'returns a summary with the counts (-PassThru)' {
        $summary.PSObject.TypeNames[0] | Should -Be 'SsmOnPrem.RegistrationReportSummary'
        $summary.Total | Should -Be 10
        $summary.Failed | Should -Be 2          # i = 3 (Register) and i = 7 (Connect)
        $summary.Succeeded | Should -Be 8
        $summary.ByStatus['AlreadyRegistered'] | Should -Be 1
        $summary.ByFailureStage['Register'] | Should -Be 1
        $summary.ByFailureStage['Connect'] | Should -Be 1
        $summary.ByPlatform['IOS-XE'] | Should -Be 3
        $summary.SuccessPercent | Should -Be 80
        $summary.Path | Should -Be $path10
        $summary.WallClock.TotalSeconds | Should -BeGreaterThan 9
    }

    It 'is one self-contained file: no script, nothing loaded from elsewhere' {
        $html | Should -Match '^<!DOCTYPE html>'
        $html | Should -Not -Match '<script'
        $html | Should -Not -Match '(src|href)\s*=\s*"(https?:|//|file:)'
        $html | Should -Not -Match 'url\('
        $html | Should -Not -Match '<(img|link|iframe|object|embed)\b'
        ([regex]::Matches($html, '<svg ')).Count | Should -BeGreaterOrEqual 4 -Because 'outcomes, platforms, stages and the duration histogram are charts'
    }

    It 'lists the failed devices with stage, reason and recommendation' {
        $html | Should -Match 'sw3</td><td>10\.0\.0\.4</td><td>ASA</td><td>Register</td><td>RegisterFailed</td><td>Communication message send error</td><td>Fix the Register problem</td>'
        $html | Should -Match 'sw7</td><td>10\.0\.0\.8</td><td>ASA</td><td>Connect</td>'
    }

    It 'renders in Chromium with the outcome colours on screen' {
        $png = Save-PageScreenshot -HtmlPath $path10 -PngPath (Join-Path $work 'ten.png')
        $pixels = Measure-PngPixel $png -Colour $green, $red
        $pixels.Width | Should -Be 1280
        $pixels.NonWhiteFraction | Should -BeGreaterThan 0.03 -Because 'a blank or unstyled page is almost all white'
        $pixels.ColourPixels[$green] | Should -BeGreaterThan 500 -Because 'the succeeded bars are drawn in green'
        $pixels.ColourPixels[$red] | Should -BeGreaterThan 100 -Because 'the failed bars are drawn in red'
    }
}

Describe 'A report of 10,000 results' {
    BeforeAll {
        $script:big = @(Get-Fleet 10000)
        $script:path10k = Join-Path $work 'tenk.html'
        $clock = [Diagnostics.Stopwatch]::StartNew()
        $script:bigSummary = $big | Export-SsmRegistrationReport -Path $path10k -PassThru
        $clock.Stop()
        Write-Host "    10,000 results: $([math]::Round($clock.Elapsed.TotalSeconds, 1)) s, $([math]::Round((Get-Item $path10k).Length / 1MB, 2)) MB"
    }

    It 'counts every device once' {
        $bigSummary.Total | Should -Be 10000
        $bigSummary.Failed | Should -Be (($big | Where-Object Status -EQ 'Failed').Count)
        ($bigSummary.ByPlatform.Values | Measure-Object -Sum).Sum | Should -Be 10000
    }

    It 'lists at most 1000 failed devices and says how many more there are' {
        $html = Get-Content $path10k -Raw
        $failed = $bigSummary.Failed
        $html | Should -Match ([regex]::Escape("$('{0:N0}' -f ($failed - 1000)) more failed devices are not listed here"))
        (Get-Item $path10k).Length | Should -BeLessThan 3MB -Because 'a report must stay small enough to attach to a ticket or mail'
    }

    It 'renders in Chromium with the charts on screen' {
        $png = Save-PageScreenshot -HtmlPath $path10k -PngPath (Join-Path $work 'tenk.png') -Height 2400
        $pixels = Measure-PngPixel $png -Colour $green, $red, '#5c6bc0'
        $pixels.NonWhiteFraction | Should -BeGreaterThan 0.03
        $pixels.ColourPixels[$green] | Should -BeGreaterThan 500
        $pixels.ColourPixels[$red] | Should -BeGreaterThan 100
        $pixels.ColourPixels['#5c6bc0'] | Should -BeGreaterThan 100 -Because 'the duration histogram is drawn in indigo'
    }
}

Describe 'Journals of several shards, reruns and torn lines' {
    BeforeAll {
        # Journal lines as Register-SsmDevice writes them (Newtonsoft: TimeSpan as text, enums as names).
        function script:JournalLine($r) {
            $o = [ordered]@{}; foreach ($p in $r.PSObject.Properties) { if ($null -ne $p.Value) { $o[$p.Name] = $p.Value } }
            $o.Duration = $r.Duration.ToString(); $o.StartedAt = $r.StartedAt.ToString('o')
            $o | ConvertTo-Json -Compress
        }
        $script:shardA = Join-Path $work 'shard-0.jsonl'
        $script:shardB = Join-Path $work 'shard-1.jsonl'
        # Shard 0: devices 0-4, device 3 failed first, then registered on a rerun (appended to the same journal).
        $lines = @(0..4 | ForEach-Object { JournalLine (New-Result $_ -Status ($(if ($_ -eq 3) { 'Failed' } else { 'Registered' })) -Stage ($(if ($_ -eq 3) { 'Register' })) -Reason ($(if ($_ -eq 3) { 'x' }))) })
        $rerun = New-Result 3 Registered; $rerun.StartedAt = $rerun.StartedAt.AddHours(1)
        $lines += '{"ComputerName":"10.0.0.99","Sta'   # a line torn by a kill
        $lines += JournalLine $rerun
        Set-Content $shardA $lines
        Set-Content $shardB (5..9 | ForEach-Object { JournalLine (New-Result $_ -Platform 'NX-OS') })
        $script:merged = Export-SsmRegistrationReport -Path (Join-Path $work 'merged.html') -JournalPath (Join-Path $work 'shard-*.jsonl') -PassThru
    }

    It 'merges the shards, each device once, the rerun winning over the earlier failure' {
        $merged.Total | Should -Be 10
        $merged.Failed | Should -Be 0
        $merged.DuplicatesMerged | Should -Be 1
        $merged.UnreadableLines | Should -Be 1
        $merged.Sources | Should -Be @('shard-0.jsonl', 'shard-1.jsonl')
        $merged.ByPlatform['NX-OS'] | Should -Be 5
    }

    It 'never lets a Skipped entry (done earlier) replace the attempt that did the work' {
        $done = New-Result 1 Registered
        $skip = New-Result 1 Skipped; $skip.StartedAt = $skip.StartedAt.AddHours(2)
        $s = $done, $skip | Export-SsmRegistrationReport -Path (Join-Path $work 'skip.html') -PassThru
        $s.Total | Should -Be 1
        $s.ByStatus['Registered'] | Should -Be 1
    }

    It 'reads results saved with Export-Csv and ConvertTo-Json the same way' {
        $csv = Join-Path $work 'results.csv'
        Get-Fleet 20 | Export-Csv $csv
        $fromCsv = Import-Csv $csv | Export-SsmRegistrationReport -Path (Join-Path $work 'csv.html') -PassThru
        $fromJson = Get-Fleet 20 | ConvertTo-Json -Depth 3 | ConvertFrom-Json | Export-SsmRegistrationReport -Path (Join-Path $work 'json.html') -PassThru
        foreach ($s in $fromCsv, $fromJson) {
            $s.Total | Should -Be 20
            $s.Failed | Should -Be 3
            $s.MedianDuration | Should -Not -BeNullOrEmpty
        }
        $fromJson.MedianDuration | Should -Be $fromCsv.MedianDuration
    }
}

Describe 'Secrets and hostile text' {
    It 'shows credentials by user name only and hides secret-named parameters' {
        $password = 'Rep0rt-Pa55-' + [guid]::NewGuid().ToString('N').Substring(0, 6)
        $cred = [pscredential]::new('netops', (ConvertTo-SecureString $password -AsPlainText -Force))
        $run = [ordered]@{ Credential = $cred; Token = 'ODk5ZTRkZTctOTc1ZS00NDZiLWI0ZmYtNjQ4ZTQ0ZTRlOWRi'; EnableSecret = (ConvertTo-SecureString $password -AsPlainText -Force)
            ApiClientSecret = 'cs-' + $password; ThrottleLimit = 32; NewToken = [switch]$true; Site = 'Campus' }
        $path = Join-Path $work 'secrets.html'
        Get-Fleet 5 | Export-SsmRegistrationReport -Path $path -RunParameter $run
        $html = Get-Content $path -Raw
        $html | Should -Not -Match ([regex]::Escape($password))
        $html | Should -Not -Match 'ODk5ZTRkZTctOTc1ZS00'
        $html | Should -Match 'netops \(credential; password not shown\)'
        $html | Should -Match '<td>ThrottleLimit</td><td>32</td>'
        $html | Should -Match '<td>NewToken</td><td>True</td>'
        $html | Should -Match '<td>Site</td><td>Campus</td>'
    }

    It 'escapes markup and drops control characters that devices print' {
        $evil = New-Result 1 Failed Register "<script>alert('x')</script> `e[31mred`e[0m `u{009B}c1"
        $evil.Hostname = '<img src=x onerror=alert(1)>'
        $path = Join-Path $work 'evil.html'
        $evil | Export-SsmRegistrationReport -Path $path
        $html = Get-Content $path -Raw
        $html | Should -Not -Match '<script'
        $html | Should -Not -Match '<img'
        $html | Should -Match '&lt;script&gt;alert\(&#39;x&#39;\)&lt;/script&gt;'
        $html | Should -Not -Match "[\u001B\u009B]"
    }
}

Describe 'Bad input' {
    It 'refuses a piped object that is not a result, and reports the rest' {
        $s = @('just text', (New-Result 1)) | Export-SsmRegistrationReport -Path (Join-Path $work 'bad.html') -PassThru -ErrorVariable e -ErrorAction SilentlyContinue
        $e.FullyQualifiedErrorId | Should -Be 'NotARegistrationResult,SsmOnPrem.Commands.ExportSsmRegistrationReportCommand'
        $e.CategoryInfo.Category | Should -Be 'InvalidArgument'
        $s.Total | Should -Be 1
    }

    It 'reports a missing journal and still reads the others' {
        $s = Export-SsmRegistrationReport -Path (Join-Path $work 'missing.html') -JournalPath (Join-Path $work 'nope.jsonl'), $shardB -PassThru -ErrorVariable e -ErrorAction SilentlyContinue
        $e.FullyQualifiedErrorId | Should -Be 'JournalNotFound,SsmOnPrem.Commands.ExportSsmRegistrationReportCommand'
        $e.CategoryInfo.Category | Should -Be 'ObjectNotFound'
        $s.Total | Should -Be 5
    }

    It 'does not replace a file with -NoClobber' {
        $path = Join-Path $work 'keep.html'
        Set-Content $path 'keep me'
        { New-Result 1 | Export-SsmRegistrationReport -Path $path -NoClobber -ErrorAction Stop } | Should -Throw -ErrorId 'ReportExists,SsmOnPrem.Commands.ExportSsmRegistrationReportCommand'
        Get-Content $path -Raw | Should -Match 'keep me'
    }

    It 'says why a report cannot be written (missing folder, a folder of that name)' {
        { New-Result 1 | Export-SsmRegistrationReport -Path (Join-Path $work 'no/such/folder/r.html') -ErrorAction Stop } | Should -Throw -ErrorId 'ReportNotWritable,*'
        { New-Result 1 | Export-SsmRegistrationReport -Path $work -ErrorAction Stop } | Should -Throw -ErrorId 'ReportNotWritable,*'
    }

    It 'writes nothing with -WhatIf' {
        $path = Join-Path $work 'whatif.html'
        $s = New-Result 1 | Export-SsmRegistrationReport -Path $path -WhatIf -PassThru
        Test-Path $path | Should -BeFalse
        $s.Path | Should -BeNullOrEmpty
        $s.Total | Should -Be 1
    }

    It 'warns, and still writes a report, when there are no results' {
        $path = Join-Path $work 'empty.html'
        $s = @() | Export-SsmRegistrationReport -Path $path -PassThru -WarningVariable w -WarningAction SilentlyContinue
        $w | Should -Match 'No registration results'
        $s.Total | Should -Be 0
        Get-Content $path -Raw | Should -Match 'No durations were recorded'
    }
}

Describe 'A real fleet run against the lab, piped straight into the report' {
    BeforeAll {
        Import-Module (Join-Path (Get-RepoRoot) 'out/SsmOnPrem.Lab/SsmOnPrem.Lab.psd1') -Force
        $script:lab = Start-SsmLab -DeviceCount 6 -Platform mix -RegistrationDelayMs 100
        Set-SsmLabDevice -Path $lab.Path -Name $lab.Devices[1].Name -RegistrationFailure 'Communication message send error' | Out-Null
        $u = [uri]$lab.OnPremServer
        Connect-SsmOnPrem -Server $u.Host -Port $u.Port -DevicePort $u.Port -Credential $lab.ApiCredential `
            -CertificateThumbprint $lab.CertificateThumbprint -Account $lab.Account -VirtualAccount $lab.VirtualAccount | Out-Null
        $script:journal = Join-Path $work 'lab.jsonl'
        $script:labReport = Join-Path $work 'lab.html'
        $script:labSummary = $lab.Devices | Register-SsmDevice -NewToken -JournalPath $journal -ErrorAction SilentlyContinue |
            Export-SsmRegistrationReport -Path $labReport -PassThru
    }
    AfterAll {
        Disconnect-SsmOnPrem -ErrorAction SilentlyContinue
        if ($script:lab) { $script:lab | Stop-SsmLab }
    }

    It 'reports every device of the run with its platform, the failure with the device''s reason' {
        $labSummary.Total | Should -Be 6
        $labSummary.Failed | Should -Be 1
        $labSummary.Succeeded | Should -Be 5
        @($labSummary.ByPlatform.Keys) | Should -Not -Contain '(not identified)'
        $html = Get-Content $labReport -Raw
        $html | Should -Match '<td>Register</td><td>[A-Za-z]+</td><td>Communication message send error</td>'
    }

    It 'gives the same counts from the run''s journal as from the pipeline' {
        $fromJournal = Export-SsmRegistrationReport -Path (Join-Path $work 'lab-journal.html') -JournalPath $journal -PassThru
        $fromJournal.Total | Should -Be $labSummary.Total
        $fromJournal.Failed | Should -Be $labSummary.Failed
        $fromJournal.MedianDuration | Should -Be $labSummary.MedianDuration
        ($fromJournal.ByPlatform.GetEnumerator() | Sort-Object Key | ForEach-Object { "$($_.Key)=$($_.Value)" }) -join ',' |
            Should -Be (($labSummary.ByPlatform.GetEnumerator() | Sort-Object Key | ForEach-Object { "$($_.Key)=$($_.Value)" }) -join ',')
    }

    It 'contains no password, enable secret, client secret or token of the run' {
        $html = Get-Content $labReport -Raw
        $secrets = @($lab.Devices[0].Credential.GetNetworkCredential().Password, $lab.ApiCredential.GetNetworkCredential().Password) +
            @($lab.Devices | Where-Object { $_.EnableCredential } | ForEach-Object { $_.EnableCredential.GetNetworkCredential().Password })
        foreach ($secret in $secrets | Where-Object { $_ } | Select-Object -Unique) { $html | Should -Not -Match ([regex]::Escape($secret)) }
        $html | Should -Not -Match '[A-Za-z0-9+/]{40,}={0,2}' -Because 'no token-like string (ID tokens are long base64)'
    }
}
