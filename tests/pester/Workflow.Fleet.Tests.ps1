# Fleet behaviour of Register-SsmDevice against one lab: 50 devices with 3 failing, a run killed mid-way and resumed from
# its journal (pwsh -NonInteractive, CSV inventory with -CredentialMap), and Ctrl+C (PowerShell.Stop) closing every session.
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-Module (Join-Path (Get-RepoRoot) 'out/SsmOnPrem.Lab/SsmOnPrem.Lab.psd1') -Force
    Import-Module (Get-ModuleManifestPath) -Force
    $script:lab = Start-SsmLab -DeviceCount 88 -Platform mix -RegistrationDelayMs 150
    $script:dev = $lab.Devices
    $u = [uri]$lab.OnPremServer
    $script:connectArgs = "-Server $($u.Host) -Port $($u.Port) -DevicePort $($u.Port) -CertificateThumbprint $($lab.CertificateThumbprint) -Account '$($lab.Account)' -VirtualAccount '$($lab.VirtualAccount)'"
    $script:conn = Connect-SsmOnPrem -Server $u.Host -Port $u.Port -DevicePort $u.Port -Credential $lab.ApiCredential `
        -CertificateThumbprint $lab.CertificateThumbprint -Account $lab.Account -VirtualAccount $lab.VirtualAccount -PassThru
    function script:LabState { Invoke-RestMethod "$($lab.OnPremServer)/lab/state" -SkipCertificateCheck }
    function script:SshdSessionCount {
        $n = 0
        foreach ($sshd in $lab.SshdProcessId) {
            foreach ($dir in Get-ChildItem /proc -Directory | Where-Object Name -Match '^\d+$') {
                try { $stat = [IO.File]::ReadAllText("/proc/$($dir.Name)/stat") } catch { continue }
                if ([int](($stat.Substring($stat.LastIndexOf(')') + 2)).Split(' ')[1]) -eq $sshd) { $n++ }
            }
        }
        $n
    }
}

AfterAll {
    Disconnect-SsmOnPrem -ErrorAction SilentlyContinue
    if ($script:lab) { $script:lab | Stop-SsmLab }
}

Describe 'A fleet of 50 with 3 failing devices' {
    BeforeAll {
        $script:fleet = $dev[0..49]
        Set-SsmLabDevice -Path $lab.Path -Name $fleet[0].Name -RegistrationFailure 'Communication message send error' | Out-Null
        Set-SsmLabDevice -Path $lab.Path -Name $fleet[2].Name -RegistrationFailure 'The product instance is not permitted to register with this virtual account' | Out-Null
        # A wrong password rather than the lab's RefuseAuthentication knob (which reloads an sshd mid-run).
        $fleet[4] = $fleet[4] | Select-Object *
        $fleet[4].Credential = [pscredential]::new($fleet[4].Credential.UserName, (ConvertTo-SecureString 'not-the-password' -AsPlainText -Force))
        $script:clock = [Diagnostics.Stopwatch]::StartNew()
        # The run outlives its access token: each one is refused (403, like a missing bearer) after one API call.
        Invoke-RestMethod "$($lab.OnPremServer)/lab/faults" -Method Post -SkipCertificateCheck -ContentType 'application/json' -Body '{"unauthorizedAfterCalls":1}' | Out-Null
        # The same device twice in the input: worked on once.
        $script:results = @($fleet + $fleet[10]) | Register-SsmDevice -NewToken -ThrottleLimit 16 -ErrorVariable fleetErrors -ErrorAction SilentlyContinue -WarningVariable fleetWarnings -WarningAction SilentlyContinue
        Invoke-RestMethod "$($lab.OnPremServer)/lab/faults" -Method Post -SkipCertificateCheck -ContentType 'application/json' -Body '{}' | Out-Null
        $script:errs = $fleetErrors
        $script:warns = $fleetWarnings
        $clock.Stop()
        Write-Host "    fleet of 50 at ThrottleLimit 16: $([math]::Round($clock.Elapsed.TotalSeconds, 1)) s"
    }

    It 'returns one result per device: 47 registered or reported, 3 failed' {
        $results | Should -HaveCount 50
        ($results.ComputerName | ForEach-Object { $_ }) | Should -HaveCount 50
        @($results | Group-Object { "$($_.ComputerName):$($_.Port)" }) | Should -HaveCount 50
        @($results | Where-Object Status -In 'Registered', 'Reported') | Should -HaveCount 47
        @($results | Where-Object Status -EQ 'Failed') | Should -HaveCount 3
        $warns | Where-Object { "$_" -match 'more than once' } | Should -HaveCount 1
    }

    It 'gives each failure its stage and the device''s reason, as a non-terminating error' {
        $byPort = @{}; $results | ForEach-Object { $byPort[$_.Port] = $_ }
        $byPort[$fleet[0].Port].FailureStage | Should -Be 'Register'
        $byPort[$fleet[0].Port].FailureReason | Should -Be 'Communication message send error'
        $byPort[$fleet[2].Port].FailureStage | Should -Be 'Register'
        $byPort[$fleet[2].Port].FailureReason | Should -Be 'The product instance is not permitted to register with this virtual account'
        $byPort[$fleet[4].Port].FailureStage | Should -Be 'Connect'
        $byPort[$fleet[4].Port].ErrorId | Should -Be 'DeviceAuthenticationFailed'
        $errs | Should -HaveCount 3
        ($errs.FullyQualifiedErrorId | Sort-Object) | Should -Be @('DeviceAuthenticationFailed,SsmOnPrem.Commands.RegisterSsmDeviceCommand',
            'RegistrationFailed,SsmOnPrem.Commands.RegisterSsmDeviceCommand', 'RegistrationFailed,SsmOnPrem.Commands.RegisterSsmDeviceCommand')
    }

    It 'created one token for the run (no use limit: its API field is not public), used it once per registered device, revoked it at the end' {
        $t = (LabState).tokens | Where-Object { $_.description -like 'Register-SsmDevice*50 devices' }
        $t | Should -HaveCount 1
        $t.maxUses | Should -BeNullOrEmpty
        $t.uses | Should -Be 47
        $t.revoked | Should -BeTrue -Because '-NewToken revokes its token once the run is over (and the access token had expired by then)'
        @((LabState).accessTokens).Count | Should -BeGreaterThan 1
        ([datetimeoffset]$t.expiresOn - [datetimeoffset]::UtcNow).TotalHours | Should -BeLessOrEqual 24.1
    }

    It 'holds one copy of the texts its devices have in common (results are kept until the caller lets go), never of a device''s own' {
        $ok = @($results | Where-Object { $_.LicenseStatus -and $_.LicenseStatus.Licenses.Count -gt 0 } | Group-Object Release | Sort-Object Count -Descending)[0].Group
        $ok.Count | Should -BeGreaterThan 1
        $a, $b = $ok[0], $ok[1]
        [object]::ReferenceEquals($a.Release, $b.Release) | Should -BeTrue
        [object]::ReferenceEquals($a.Cipher, $b.Cipher) | Should -BeTrue
        [object]::ReferenceEquals($a.LicenseStatus.Command, $b.LicenseStatus.Command) | Should -BeTrue
        [object]::ReferenceEquals($a.LicenseStatus.Udi.Pid, $b.LicenseStatus.Udi.Pid) | Should -BeTrue
        [object]::ReferenceEquals($a.LicenseStatus.Licenses[0].EntitlementTag, $b.LicenseStatus.Licenses[0].EntitlementTag) | Should -BeTrue
        $a.LicenseStatus.Udi.SerialNumber | Should -Not -Be $b.LicenseStatus.Udi.SerialNumber
        [object]::ReferenceEquals($a.Hostname, $b.Hostname) | Should -BeFalse
    }

    It 'results convert to JSON without secrets' {
        $json = $results | ConvertTo-Json -Depth 5
        $token = ((LabState).tokens | Where-Object { $_.description -like 'Register-SsmDevice*50 devices' }).value
        $json | Should -Not -Match ([regex]::Escape($token))
        $json | Should -Not -Match ([regex]::Escape($dev[0].Credential.GetNetworkCredential().Password))
        ($json | ConvertFrom-Json).Status | Sort-Object -Unique | Should -Be @('Failed', 'Registered', 'Reported')
    }
}

Describe 'A run killed mid-way resumes from its journal' {
    It 'registers every device exactly once across the killed run and the rerun (CSV inventory, -CredentialMap, pwsh -NonInteractive)' {
        $devices = $dev[50..77]
        $csv = Join-Path $TestDrive 'devices.csv'
        $devices | ForEach-Object {
            [pscustomobject]@{ ComputerName = $_.ComputerName; Port = $_.Port; HostKeyFingerprint = $_.HostKeyFingerprint
                CredentialName = 'lab'; EnableSecret = $_.EnableCredential.GetNetworkCredential().Password }
        } | Export-Csv $csv
        $journal = Join-Path $TestDrive 'run.jsonl'
        $token = New-SsmToken -Description 'journal test' -MaxUses 100 -AsPlainText
        $script = @"
Import-Module '$(Get-ModuleManifestPath)'
`$api = [pscredential]::new('$($lab.ApiCredential.UserName)', (ConvertTo-SecureString '$($lab.ApiCredential.GetNetworkCredential().Password)' -AsPlainText -Force))
Connect-SsmOnPrem -Credential `$api $connectArgs | Out-Null
`$map = @{ lab = [pscredential]::new('$($dev[0].Credential.UserName)', (ConvertTo-SecureString '$($dev[0].Credential.GetNetworkCredential().Password)' -AsPlainText -Force)) }
Import-Csv '$csv' | Select-Object *, @{ n = 'EnableCredential'; e = { [pscredential]::new('enable', (ConvertTo-SecureString `$_.EnableSecret -AsPlainText -Force)) } } |
    Register-SsmDevice -Token '$($token.Token)' -CredentialMap `$map -ThrottleLimit 4 -JournalPath '$journal' | Format-Table | Out-String -Width 200
"@
        $file = Join-Path $TestDrive 'run.ps1'
        Set-Content $file $script
        $first = Start-Process (Get-PwshPath) -ArgumentList '-NoProfile', '-NonInteractive', '-File', $file -PassThru -RedirectStandardOutput (Join-Path $TestDrive 'first.txt')
        $deadline = [DateTime]::UtcNow.AddSeconds(120)
        while (-not (Test-Path $journal) -or @(Get-Content $journal).Count -lt 8) {
            if ([DateTime]::UtcNow -gt $deadline -or $first.HasExited) { break }
            Start-Sleep -Milliseconds 100
        }
        $first.HasExited | Should -BeFalse -Because 'the run must be killed while devices are still being registered'
        Stop-Process -Id $first.Id -Force
        $first.WaitForExit()
        $afterKill = @(Get-Content $journal | Where-Object { $_ })
        $afterKill.Count | Should -BeLessThan $devices.Count

        $second = Invoke-FreshPwsh $script
        $second.ExitCode | Should -Be 0

        $entries = Get-Content $journal | Where-Object { $_ } | ForEach-Object { $_ | ConvertFrom-Json }
        $done = $entries | Where-Object Status -In 'Registered', 'Reported', 'AlreadyRegistered'
        $entries | Where-Object Status -NotIn 'Registered', 'Reported', 'AlreadyRegistered' | ForEach-Object { Write-Host "    not done: $($_.ComputerName):$($_.Port) $($_.Status) $($_.FailureStage) $($_.FailureReason)" }
        # None lost: every device has a finished entry. Nothing twice: journalled devices were skipped on the rerun.
        @($done | Group-Object { "$($_.ComputerName):$($_.Port)" }) | Should -HaveCount $devices.Count
        @($entries | Group-Object { "$($_.ComputerName):$($_.Port)" } | Where-Object Count -GT 1) | Should -HaveCount 0
        $second.Text | Should -Match 'Skipped'
        # No device registered twice: the token was spent exactly once per device (the emulator counts uses).
        ((LabState).tokens | Where-Object { $_.value -eq $token.Token }).uses | Should -Be $devices.Count
        $serials = $devices.SerialNumber
        @((LabState).productInstances | Where-Object { $_.serialNumber -in $serials }) | Should -HaveCount $devices.Count
        $entries | ForEach-Object { $_ | ConvertTo-Json -Depth 5 -Compress } | Should -Not -Match ([regex]::Escape($token.Token))
    }
}

Describe 'Ctrl+C' {
    It 'stops a fleet run promptly and closes every session' {
        $stuck = $dev[78..85]
        $stuck | ForEach-Object { Set-SsmLabDevice -Path $lab.Path -Name $_.Name -RegistrationStuck $true | Out-Null }
        $baseline = SshdSessionCount
        $ps = [powershell]::Create()
        $null = $ps.AddScript({ param($m, $d) Import-Module $m; $d | Register-SsmDevice -Token 'AAAABBBBCCCCDDDD1234' -ThrottleLimit 8 -TimeoutSec 300 -WaitTimeoutSec 300 -ErrorAction SilentlyContinue }).
            AddArgument((Get-ModuleManifestPath)).AddArgument($stuck)
        $async = $ps.BeginInvoke()
        $deadline = [DateTime]::UtcNow.AddSeconds(60)
        while ((SshdSessionCount) -lt $baseline + 8 -and [DateTime]::UtcNow -lt $deadline) { Start-Sleep -Milliseconds 200 }
        Start-Sleep -Seconds 2   # every device is now polling its stuck registration
        $clock = [Diagnostics.Stopwatch]::StartNew()
        $ps.Stop()
        $clock.Stop()
        Write-Host "    Stop() returned after $($clock.ElapsedMilliseconds) ms"
        $async.IsCompleted | Should -BeTrue
        $deadline = [DateTime]::UtcNow.AddSeconds(15)
        while ((SshdSessionCount) -gt $baseline -and [DateTime]::UtcNow -lt $deadline) { Start-Sleep -Milliseconds 200 }
        SshdSessionCount | Should -Be $baseline
        $ps.Dispose()
    }
}
