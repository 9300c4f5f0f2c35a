# Hardening matrix, security round 2 (docs/SECURITY.md): one fleet run with one -TranscriptPath and a journal next to two
# devices that flood their output (1 MB of lines, 10 MB without a newline); the files must be private (0600) and hold no
# configuration secret (the lab's factory configurations carry realistic ones), and neither may the verbose/debug
# streams or the results. Then a CSV with a bad row, a terminating error followed at once by a rerun, and -WhatIf with
# AcceptNew (no known_hosts written).
# Tags: Fault = one injected fault per row, BadInput = one bad input per row, Secrets = one secret kind or safe default per row.
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-Module (Join-Path $PSScriptRoot 'HardeningHelpers.psm1') -Force
    Import-Module (Join-Path (Get-RepoRoot) 'out/SsmOnPrem.Lab/SsmOnPrem.Lab.psd1') -Force
    Import-Module (Get-ModuleManifestPath) -Force
    $script:lab = Start-SsmLab -DeviceCount 10 -Platform 'NX-OS-9', 'IOS-XE-17', 'IOS-XE-16', 'IOS-XE-16', 'IOS-XE-16', 'IOS-XE-16', 'IOS-XE-16', 'IOS-XE-16', 'IOS-XE-16', 'IOS-XE-16' -RegistrationDelayMs 150
    $script:d = $lab.Devices
    $script:work = Join-Path ([IO.Path]::GetTempPath()) ('ssm-hard-sec-' + [guid]::NewGuid().ToString('N').Substring(0, 10))
    New-Item -ItemType Directory $work | Out-Null
    $u = [uri]$lab.OnPremServer
    Connect-SsmOnPrem -Server $u.Host -Port $u.Port -DevicePort $u.Port -Credential $lab.ApiCredential `
        -CertificateThumbprint $lab.CertificateThumbprint -Account $lab.Account -VirtualAccount $lab.VirtualAccount
    $script:tokenText = (New-SsmToken -Description 'hardening security' -MaxUses 100 -AsPlainText).Token

    function script:LabInput($Device) {
        [pscustomobject]@{ ComputerName = $Device.ComputerName; Port = $Device.Port; Credential = $Device.Credential
            EnableCredential = $Device.EnableCredential; HostKeyFingerprint = $Device.HostKeyFingerprint }
    }
    function script:UnixMode([string] $Path) { '{0}' -f [Convert]::ToString(([int][IO.File]::GetUnixFileMode($Path)) -band 0x1FF, 8) }
    function script:OpenFilesOfThisProcess { Get-ChildItem "/proc/$PID/fd" -ErrorAction SilentlyContinue | ForEach-Object { $_.LinkTarget } }

    # --- the fleet run: healthy devices next to two floods, one transcript and one journal for all -----------------
    Set-SsmLabDevice -Path $lab.Path -Name $d[3].Name -OutputFlood 1MB | Out-Null
    Set-SsmLabDevice -Path $lab.Path -Name $d[4].Name -OutputFlood 10MB -OutputFloodNoNewline $true | Out-Null
    $script:transcript = Join-Path $work 'fleet.log'
    $script:journal = Join-Path $work 'fleet.jsonl'
    $script:timeoutSec = 20
    $fleet = $d[0], $d[1], $d[2], $d[3], $d[4] | ForEach-Object { LabInput $_ }
    $baseline = Get-LabSessionCount $lab
    $streamsFile = Join-Path $work 'streams.txt'
    $clock = [Diagnostics.Stopwatch]::StartNew()
    $script:results = @($fleet | Register-SsmDevice -Token $tokenText -TimeoutSec $timeoutSec -ThrottleLimit 5 -SkipConnectivityTest -TranscriptPath $transcript `
            -JournalPath $journal -Verbose -Debug -ErrorAction SilentlyContinue -ErrorVariable fleetErrors 4>> $streamsFile 5>> $streamsFile)
    # Whatever command prints the configuration, its secrets are masked: the whole running configuration, by hand.
    $script:results += @($d[0], $d[1], $d[2] | ForEach-Object { LabInput $_ } |
        Invoke-SsmDeviceCommand -Command 'show running-config' -TranscriptPath $transcript -Verbose -Debug -ErrorAction SilentlyContinue -ErrorVariable +fleetErrors 4>> $streamsFile 5>> $streamsFile)
    $clock.Stop()
    $script:errs = @($fleetErrors)
    $script:elapsed = $clock.Elapsed
    Write-Host "    flood fleet (5 devices, -TimeoutSec $timeoutSec) + 3 config reads: $([math]::Round($elapsed.TotalSeconds, 1)) s"
    $script:leftSessions = if (Wait-Until { (Get-LabSessionCount $lab) -le $baseline } 15) { 0 } else { (Get-LabSessionCount $lab) - $baseline }
    $results | ConvertTo-Json -Depth 5 | Set-Content (Join-Path $work 'results.json')
    $errs | ForEach-Object { $_ | Format-List * -Force | Out-String -Width 300; $_.Exception | Format-List * -Force | Out-String -Width 300 } | Set-Content (Join-Path $work 'errors.txt')
    $script:corpus = (Get-ChildItem $work -File | ForEach-Object { Get-Content $_.FullName -Raw }) -join "`n"
    function script:RegistrationOf($Device) { @($results | Where-Object { $_.PSObject.Properties['Status'] -and $_.Port -eq $Device.Port }) }
}

AfterAll {
    Disconnect-SsmOnPrem -ErrorAction SilentlyContinue
    if ($script:lab) { $script:lab | Stop-SsmLab }
    if ($script:work) { Remove-Item $work -Recurse -Force -ErrorAction SilentlyContinue }
}

Describe 'Bounded device output: a flood ends one device''s run, not the fleet' {
    It '<Name>: DeviceOutputTooLarge within -TimeoutSec, session closed' -Tag 'Fault' -ForEach @(
        @{ Name = '1 MB output flood (lines)'; Index = 3 }
        @{ Name = '10 MB output flood without a newline'; Index = 4 }
    ) {
        $r = RegistrationOf $d[$Index]
        $r | Should -HaveCount 1
        $r[0].Status | Should -Be 'Failed'
        $r[0].ErrorId | Should -Be 'DeviceOutputTooLarge' -Because "$($r[0].FailureStage): $($r[0].FailureReason)"
        $r[0].Duration.TotalSeconds | Should -BeLessThan $timeoutSec
        $e = @($errs | Where-Object { $_.FullyQualifiedErrorId -like 'DeviceOutputTooLarge,*' -and $_.Exception.Message -match ":$($d[$Index].Port)\)" })
        $e | Should -HaveCount 1
        $r[0].FailureReason | Should -Match 'printed (more than|a line longer than) [\d,]+ characters'
    }

    It 'the other devices of the same run registered, and every session closed' {
        foreach ($i in 0, 1, 2) { (RegistrationOf $d[$i])[0].Status | Should -BeIn 'Registered', 'Reported' }  # Reported: SLP's success
        $leftSessions | Should -Be 0
        $elapsed.TotalSeconds | Should -BeLessThan 120
    }
}

Describe 'One transcript and one journal for the fleet: private, labelled, without configuration secrets' {
    It 'the fleet transcript is 0600 and every line names its device' -Tag 'Secrets' {
        UnixMode $transcript | Should -Be '600'
        $lines = [IO.File]::ReadAllLines($transcript) -ne ''
        $lines -notmatch '^\[127\.0\.0\.1:\d+\] ' | Should -BeNullOrEmpty
        foreach ($i in 0..4) { $lines -match "^\[127\.0\.0\.1:$($d[$i].Port)\] --- session .* opened " | Should -Not -BeNullOrEmpty }
        $lines -match 'enable secret \*{8}' | Should -Not -BeNullOrEmpty -Because 'the configuration was read and masked by pattern'
        $corpus | Should -Not -Match "`e\[" -Because 'no escape sequence reaches a file'
    }

    It 'the journal is 0600' -Tag 'Secrets' {
        UnixMode $journal | Should -Be '600'
        @(Get-Content $journal | Where-Object { $_ } | ConvertFrom-Json) | Should -HaveCount 5
    }

    It 'no <Name> of any device in the transcript, journal, verbose/debug streams, results or errors' -Tag 'Secrets' -ForEach @(
        @{ Name = 'enable secret 9'; Index = 0 }
        @{ Name = 'username ... secret'; Index = 1 }
        @{ Name = 'snmp-server community'; Index = 2 }
        @{ Name = 'tacacs-server key 7'; Index = 3 }
        @{ Name = 'SNMPv3 auth/priv key'; Index = 4 }
    ) {
        $corpus | Should -Match 'show running-config'
        foreach ($device in $d[0..2]) {
            $secret = $device.ConfigSecrets[$Index]
            if ($device.Platform -notlike 'NX-OS*' -and $Index -eq 4) { continue }   # SNMPv3 keys: the NX-OS device's configuration
            $secret.Length | Should -BeGreaterOrEqual 6
            $corpus.Contains($secret) | Should -BeFalse -Because "$Name of $($device.Name) must be masked everywhere"
        }
    }
}

Describe 'No orphaned work' {
    It 'a bad CSV row (unknown CredentialName) fails alone; the other rows run and are journalled' -Tag 'BadInput' {
        $csv = Join-Path $work 'inventory.csv'
        @(
            [pscustomobject]@{ ComputerName = '127.0.0.1'; Port = $d[5].Port; CredentialName = 'lab'; HostKeyFingerprint = $d[5].HostKeyFingerprint }
            [pscustomobject]@{ ComputerName = '127.0.0.1'; Port = $d[6].Port; CredentialName = 'no-such-credential'; HostKeyFingerprint = $d[6].HostKeyFingerprint }
            [pscustomobject]@{ ComputerName = '127.0.0.1'; Port = $d[7].Port; CredentialName = 'lab'; HostKeyFingerprint = $d[7].HostKeyFingerprint }
        ) | Export-Csv $csv -NoTypeInformation
        $badRowJournal = Join-Path $work 'badrow.jsonl'
        $err = $null
        # As the example runbook does: the CSV names credentials, the enable secrets are added per row.
        $enable = @{}; foreach ($i in 5, 6, 7) { $enable["$($d[$i].Port)"] = $d[$i].EnableCredential }
        $r = @(Import-Csv $csv | ForEach-Object { $_ | Add-Member EnableCredential $enable[$_.Port] -PassThru } |
            Register-SsmDevice -Token $tokenText -CredentialMap @{ lab = $d[5].Credential } `
            -TimeoutSec 20 -SkipConnectivityTest -JournalPath $badRowJournal -ErrorAction SilentlyContinue -ErrorVariable err)
        @($err) | Should -HaveCount 1
        $err[0].FullyQualifiedErrorId | Should -Be 'CredentialRequired,SsmOnPrem.Commands.RegisterSsmDeviceCommand'
        $err[0].TargetObject | Should -Be '127.0.0.1'
        $r.Status | Should -Be @('Registered', 'Registered')
        (@(Get-Content $badRowJournal | Where-Object { $_ } | ConvertFrom-Json).Port | Sort-Object) | Should -Be (@($d[5].Port, $d[7].Port) | Sort-Object)
    }

    It 'a terminating error mid-fleet cancels the running devices and closes the journal; a rerun right after succeeds' -Tag 'Fault' {
        $stopJournal = Join-Path $work 'stop.jsonl'
        Set-SsmLabDevice -Path $lab.Path -Name $d[8].Name -LatencyMs 400 | Out-Null   # still working when the bad row comes
        $baseline = Get-LabSessionCount $lab
        $rows = @(
            [pscustomobject]@{ ComputerName = '127.0.0.1'; Port = $d[8].Port; CredentialName = 'lab'; HostKeyFingerprint = $d[8].HostKeyFingerprint }
            [pscustomobject]@{ ComputerName = '127.0.0.1'; Port = $d[9].Port; CredentialName = 'no-such-credential'; HostKeyFingerprint = $d[9].HostKeyFingerprint }
        )
        $clock = [Diagnostics.Stopwatch]::StartNew()
        { $rows | ForEach-Object { $_; Start-Sleep -Milliseconds 1500 } |
            Register-SsmDevice -Token $tokenText -CredentialMap @{ lab = $d[8].Credential } -EnableCredential $d[8].EnableCredential -TimeoutSec 20 `
                -SkipConnectivityTest -JournalPath $stopJournal -ErrorAction Stop } | Should -Throw -ErrorId 'CredentialRequired,SsmOnPrem.Commands.RegisterSsmDeviceCommand'
        $clock.Elapsed.TotalSeconds | Should -BeLessThan 15 -Because 'the running device is cancelled, not waited for'
        (OpenFilesOfThisProcess) | Should -Not -Contain $stopJournal -Because 'the journal is closed when the command ends'
        Wait-Until { (Get-LabSessionCount $lab) -le $baseline } 3 | Should -BeTrue -Because 'no device is still being worked on after the command returned'
        Set-SsmLabDevice -Path $lab.Path -Name $d[8].Name -LatencyMs 0 | Out-Null
        $again = @($rows[0] | Register-SsmDevice -Token $tokenText -CredentialMap @{ lab = $d[8].Credential } -EnableCredential $d[8].EnableCredential -TimeoutSec 20 `
            -SkipConnectivityTest -JournalPath $stopJournal -ErrorAction Stop)
        $again | Should -HaveCount 1
        $again[0].Status | Should -BeIn 'Registered', 'AlreadyRegistered'
    }
}

Describe '-WhatIf changes nothing' {
    It '-WhatIf with -HostKeyPolicy AcceptNew writes no known_hosts entry' -Tag 'Secrets' {
        $knownHosts = Join-Path $work 'whatif_known_hosts'
        [pscustomobject]@{ ComputerName = '127.0.0.1'; Port = $d[9].Port; Credential = $d[9].Credential; EnableCredential = $d[9].EnableCredential } |
            Register-SsmDevice -Token $tokenText -HostKeyPolicy AcceptNew -KnownHostsPath $knownHosts -TimeoutSec 20 -SkipConnectivityTest -WhatIf -Verbose 4>&1 |
            Out-String | Should -Match ([regex]::Escape("127.0.0.1:$($d[9].Port)"))
        Test-Path $knownHosts | Should -BeFalse
    }
}
