# The registration workflow end to end: Register-SsmDevice and friends against the lab (real OpenSSH sshd in front of
# emulated devices that call the HTTPS On-Prem emulator). One lab for the file; registration delay kept small.
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-Module (Join-Path (Get-RepoRoot) 'out/SsmOnPrem.Lab/SsmOnPrem.Lab.psd1') -Force
    Import-Module (Get-ModuleManifestPath) -Force
    # 'mix' order: IOS-XE-16, IOS-XE-17, NX-OS-9, NX-OS-10, IOS-XR, ASA, then again. Each test owns its devices:
    #  0 XE16, 2 NX9, 4 XR, 5 ASA legacy success (0: already/force, 2: transport unchanged); 1 XE17, 3 NX10 SLP success;
    #  6 XE16 connect + revoked token; 7 XE17 identify; 8 NX9, 10 XR, 13 XE17 idempotent transport; 11 ASA transport;
    #  12 XE16 -WhatIf then Test-SsmRegistration; 14 NX9 device-given reason; 15 NX10 connectivity then verify; 16 XR wait;
    #  18 XE16, 19 XE17 -Wait:$false; 20 NX9, 23 ASA source/VRF refused or pinged; 22 XR, 30 XE16, 31 XE17 source/VRF lines;
    #  24 XE16, 25 XE17 -Session end to end; 26 NX9 -SkipSave and reload; 32 XE16 save copies the whole config.
    $script:lab = Start-SsmLab -DeviceCount 34 -Platform mix -RegistrationDelayMs 150
    $script:dev = $lab.Devices
    $u = [uri]$lab.OnPremServer
    $script:conn = Connect-SsmOnPrem -Server $u.Host -Port $u.Port -DevicePort $u.Port -Credential $lab.ApiCredential `
        -CertificateThumbprint $lab.CertificateThumbprint -Account $lab.Account -VirtualAccount $lab.VirtualAccount -PassThru
    $script:token = New-SsmToken -Description 'workflow tests' -MaxUses 100
    $script:tokenText = $token.Token | ConvertFrom-SecureString -AsPlainText
    function script:LabState { Invoke-RestMethod "$($lab.OnPremServer)/lab/state" -SkipCertificateCheck }
    function script:Show($Device, [string] $Command) {
        $s = $Device | New-SsmDeviceSession -ErrorAction Stop
        try { (Invoke-SsmDeviceCommand -Session $s -Command $Command).Output } finally { $s | Remove-SsmDeviceSession }
    }
}

AfterAll {
    Disconnect-SsmOnPrem -ErrorAction SilentlyContinue
    if ($script:lab) { $script:lab | Stop-SsmLab }
}

Describe 'Register-SsmDevice, legacy Smart Licensing' {
    It 'registers an IOS-XE 16 device: call-home transport, ping, register, wait, verify (<Name>)' -ForEach @(
        @{ Name = 'IOS-XE 16'; Index = 0; Platform = 'IOS-XE'; Save = 'copy running-config startup-config' }
        @{ Name = 'NX-OS 9'; Index = 2; Platform = 'NX-OS'; Save = 'copy running-config startup-config' }
        @{ Name = 'IOS-XR'; Index = 4; Platform = 'IOS-XR'; Save = $null }
        @{ Name = 'ASA'; Index = 5; Platform = 'ASA'; Save = 'write memory' }
    ) {
        $r = $dev[$Index] | Register-SsmDevice -Token $token -ErrorAction Stop
        $r.Status | Should -Be 'Registered'
        $r.Platform | Should -Be $Platform
        $r.Mode | Should -Be 'SL'
        $r.FailureStage | Should -BeNullOrEmpty
        $r.TransportChanged | Should -BeTrue
        $r.ConfigSaved | Should -BeTrue
        $r.ConfigSaveReason | Should -BeNullOrEmpty
        # Saved the platform's way; IOS-XR's commit persists, so nothing more is sent there.
        if ($Save) { $r.CommandsSent | Should -Contain $Save } else { $r.CommandsSent | Should -Not -Contain 'copy running-config startup-config' }
        $r.LicenseStatus.RegistrationStatus | Should -Be 'Registered'
        $r.LicenseStatus.SmartAccount | Should -Be $lab.Account
        ($r.CommandsSent -join "`n") | Should -Match 'license smart register idtoken \*{8}$'
        ($r.CommandsSent -join "`n") | Should -Match ([regex]::Escape("$($lab.OnPremServer)/Transportgateway/services/DeviceRequestHandler"))
        ($r | ConvertTo-Json -Depth 5) | Should -Not -Match ([regex]::Escape($tokenText))
        (LabState).productInstances.serialNumber | Should -Contain $dev[$Index].SerialNumber
        $dev[$Index] | Test-SsmRegistration | Should -BeTrue
    }

    It 'reports an already registered device as AlreadyRegistered and leaves it alone; -Force registers again' {
        $before = (LabState).tokens | Where-Object { $_.value -eq $tokenText }
        $r = $dev[0] | Register-SsmDevice -Token $token
        $r.Status | Should -Be 'AlreadyRegistered'
        $r.CommandsSent | Should -BeNullOrEmpty
        ((LabState).tokens | Where-Object { $_.value -eq $tokenText }).uses | Should -Be $before.uses
        $forced = $dev[0] | Register-SsmDevice -Token $token -Force
        $forced.Status | Should -Be 'Registered'
        ($forced.CommandsSent -join "`n") | Should -Match 'register idtoken \*{8} force'
        ((LabState).tokens | Where-Object { $_.value -eq $tokenText }).uses | Should -Be ($before.uses + 1)
    }

    It 'leaves the transport alone when it is already right (TransportChanged = false)' {
        $null = $dev[2] | Unregister-SsmDevice -Confirm:$false
        $r = $dev[2] | Register-SsmDevice -Token $token
        $r.Status | Should -Be 'Registered'
        $r.TransportChanged | Should -BeFalse
        $r.ConfigSaved | Should -BeNullOrEmpty   # nothing changed, nothing to save
        $r.CommandsSent | Should -HaveCount 1
    }
}

Describe 'the transport is saved: it survives a lab reload' {
    It 'every platform registered above still points at On-Prem after Set-SsmLabDevice -Reload (<Name>)' -ForEach @(
        @{ Name = 'IOS-XE 16'; Index = 0 }
        @{ Name = 'NX-OS 9'; Index = 2 }
        @{ Name = 'IOS-XR (commit persists)'; Index = 4 }
        @{ Name = 'ASA'; Index = 5 }
    ) {
        $url = "$($lab.OnPremServer)/Transportgateway/services/DeviceRequestHandler"
        $null = Set-SsmLabDevice -Path $lab.Path -Name $dev[$Index].Name -Reload
        (Show $dev[$Index] 'show running-config') | Should -Match ([regex]::Escape($url))
        if ($Index -ne 4) { (Show $dev[$Index] 'show startup-config') | Should -Match ([regex]::Escape($url)) }
    }

    It '-SkipSave leaves the change unsaved (ConfigSaved = $false with the reason); a reload loses it, a saved rerun keeps it' {
        $d = $dev[26]   # NX-OS 9, untouched so far
        $url = "$($lab.OnPremServer)/Transportgateway/services/DeviceRequestHandler"
        $unsaved = $d | Set-SsmDeviceTransport -SkipSave -WarningVariable warned -WarningAction SilentlyContinue -ErrorAction Stop
        $unsaved.Changed | Should -BeTrue
        $unsaved.ConfigSaved | Should -BeFalse
        $unsaved.ConfigSaveReason | Should -Match 'SkipSave'
        $unsaved.CommandsSent | Should -Not -Contain 'copy running-config startup-config'
        $warned | Should -Not -BeNullOrEmpty
        (Show $d 'show startup-config') | Should -Not -Match ([regex]::Escape($url))
        $null = Set-SsmLabDevice -Path $lab.Path -Name $d.Name -Reload
        (Show $d 'show running-config') | Should -Not -Match ([regex]::Escape($url))
        $saved = $d | Set-SsmDeviceTransport -ErrorAction Stop
        $saved.ConfigSaved | Should -BeTrue
        $saved.CommandsSent[-1] | Should -Be 'copy running-config startup-config'
        $null = Set-SsmLabDevice -Path $lab.Path -Name $d.Name -Reload
        (Show $d 'show running-config') | Should -Match ([regex]::Escape($url))
        ($d | Set-SsmDeviceTransport -ErrorAction Stop).ConfigSaved | Should -BeNullOrEmpty   # unchanged: nothing to save
    }

    It 'IOS-XE: the save answers "Destination filename [startup-config]?" with Enter and copies the whole running configuration' {
        $d = $dev[32]   # IOS-XE 16, untouched so far
        $s = $d | New-SsmDeviceSession -ErrorAction Stop
        try { $null = Invoke-SsmDeviceCommand -Session $s -Configuration -Command 'ip host onprem-save-test 192.0.2.10' -ErrorAction Stop }
        finally { $s | Remove-SsmDeviceSession }
        (Show $d 'show startup-config') | Should -Not -Match 'onprem-save-test'
        $t = $d | Set-SsmDeviceTransport -ErrorAction Stop
        $t.ConfigSaved | Should -BeTrue
        $t.CommandsSent[-1] | Should -Be 'copy running-config startup-config'
        $startup = Show $d 'show startup-config'
        $startup | Should -Match 'onprem-save-test'
        $startup | Should -Match ([regex]::Escape($t.Url))
    }
}

Describe 'Register-SsmDevice, Smart Licensing Using Policy' {
    It 'configures CSLU, installs the trust code, syncs and waits for the ACK (<Name>)' -ForEach @(
        @{ Name = 'IOS-XE 17'; Index = 1 }
        @{ Name = 'NX-OS 10'; Index = 3 }
    ) {
        $r = $dev[$Index] | Register-SsmDevice -Token $token -ErrorAction Stop
        $r.Status | Should -Be 'Reported'
        $r.Mode | Should -Be 'SLP'
        $r.ConfigSaved | Should -BeTrue
        $r.CommandsSent | Should -Contain 'copy running-config startup-config'
        $r.LicenseStatus.LastAckReceived | Should -Not -BeNullOrEmpty
        $r.LicenseStatus.TransportType | Should -Be 'Cslu'
        # The lab's local account is "Lab Account": its CSLU tenant keeps %20 from On-Prem through the device config to the report.
        $r.LicenseStatus.TransportUrl | Should -Match '/cslu/v1/pi/Lab%20Account-1$'
        ($r.CommandsSent -join "`n") | Should -Match ([regex]::Escape('license smart url cslu ') + 'https://\S+/cslu/v1/pi/Lab%20Account-1')
        ($r.CommandsSent -join "`n") | Should -Match 'license smart trust idtoken \*{8} all'
        ($r.CommandsSent -join "`n") | Should -Match 'license smart sync all'
        $check = $dev[$Index] | Test-SsmRegistration -Detailed -IncludeInventory
        $check.Checks | Where-Object { -not $_.Passed } | Should -BeNullOrEmpty
        $check.Checks.Name | Should -Contain 'UsageReportAlert'
        $check.Passed | Should -BeTrue
    }

    It 'Sync-SsmUsage -Wait returns the ACK time past the sync' {
        $s = $dev[1] | Sync-SsmUsage -Wait -TimeoutSec 30 -WaitTimeoutSec 30 -ErrorAction Stop
        $s.Acknowledged | Should -BeTrue
        $s.LastAckReceived | Should -Not -BeNullOrEmpty
        $s.Command | Should -Be 'license smart sync all'
        $again = $dev[1] | Sync-SsmUsage -Scope Local -Wait -TimeoutSec 30 -WaitTimeoutSec 30 -ErrorAction Stop
        $again.LastAckReceived | Should -BeGreaterThan $s.LastAckReceived.AddMilliseconds(-1)
    }

    It 'Sync-SsmUsage on a legacy device is a clear error' {
        $dev[0] | Sync-SsmUsage -ErrorVariable err -ErrorAction SilentlyContinue | Out-Null
        $err[0].FullyQualifiedErrorId | Should -BeLike 'LicensingModeUnsupported,*'
    }
}

Describe 'Register-SsmDevice failure stages' {
    It 'Connect: nothing listens on the port' {
        $d = $dev[6] | Select-Object * ; $d.Port = 1
        $r = $d | Register-SsmDevice -Token $token -TimeoutSec 10 -WaitTimeoutSec 10 -ErrorVariable err -ErrorAction SilentlyContinue
        $r.Status | Should -Be 'Failed'
        $r.FailureStage | Should -Be 'Connect'
        $err | Should -HaveCount 1
        $err[0].FullyQualifiedErrorId | Should -BeLike 'DeviceConnectionRefused,*RegisterSsmDeviceCommand'
    }

    It 'Identify: show version never answers' {
        Set-SsmLabDevice -Path $lab.Path -Name $dev[7].Name -HangCommand 'show version' | Out-Null
        try {
            $r = $dev[7] | Register-SsmDevice -Token $token -TimeoutSec 3 -WaitTimeoutSec 3 -ErrorAction SilentlyContinue
            $r.FailureStage | Should -Be 'Identify'
            $r.ErrorId | Should -Be 'DeviceCommandTimeout'
        }
        finally { Set-SsmLabDevice -Path $lab.Path -Name $dev[7].Name -HangCommand '' | Out-Null }
    }

    It 'Transport: the device refuses a transport its release does not have, in its own words' {
        $r = $dev[11] | Register-SsmDevice -Token $token -TransportType Cslu -ErrorAction SilentlyContinue
        $r.FailureStage | Should -Be 'Transport'
        $r.FailureReason | Should -Match "^'license smart"
    }

    It 'Connectivity: the device cannot reach the On-Prem host' {
        $r = $dev[15] | Register-SsmDevice -Token $token -Url 'https://192.0.2.1/Transportgateway/services/DeviceRequestHandler' -ErrorAction SilentlyContinue
        $r.FailureStage | Should -Be 'Connectivity'
        $r.FailureReason | Should -Match '192\.0\.2\.1'
    }

    It 'Register: a revoked token fails with the reason the device prints' {
        $revoked = New-SsmToken -Description 'revoked' -MaxUses 5
        $revoked | Revoke-SsmToken -Confirm:$false
        $r = $dev[6] | Register-SsmDevice -Token $revoked -ErrorVariable err -ErrorAction SilentlyContinue
        $r.Status | Should -Be 'Failed'
        $r.FailureStage | Should -Be 'Register'
        $r.FailureReason | Should -Match 'revoked|Revoked'
        $r.FailureReason | Should -Be (Show $dev[6] 'show license status' | Select-String 'Failure reason:\s*(.+)').Matches[0].Groups[1].Value.Trim()
        $err[0].FullyQualifiedErrorId | Should -Be 'RegistrationFailed,SsmOnPrem.Commands.RegisterSsmDeviceCommand'
        $err[0].CategoryInfo.Category | Should -Not -Be 'NotSpecified'
    }

    It 'Register: a device-side failure reason (Set-SsmLabDevice -RegistrationFailure) is reported word for word' {
        Set-SsmLabDevice -Path $lab.Path -Name $dev[14].Name -RegistrationFailure 'Communication message send error' | Out-Null
        $r = $dev[14] | Register-SsmDevice -Token $token -ErrorAction SilentlyContinue
        $r.FailureStage | Should -Be 'Register'
        $r.FailureReason | Should -Be 'Communication message send error'
    }

    It 'Wait: registration stuck in progress ends at the deadline' {
        Set-SsmLabDevice -Path $lab.Path -Name $dev[16].Name -RegistrationStuck $true | Out-Null
        $r = $dev[16] | Register-SsmDevice -Token $token -TimeoutSec 4 -WaitTimeoutSec 4 -ErrorAction SilentlyContinue
        $r.FailureStage | Should -Be 'Wait'
        $r.ErrorId | Should -Be 'RegistrationTimeout'
        $r.FailureReason | Should -Match 'IN PROGRESS'
    }

    It 'Verify: the final read of the license state fails' {
        Set-SsmLabDevice -Path $lab.Path -Name $dev[15].Name -HangCommand 'show license udi' | Out-Null
        $r = $dev[15] | Register-SsmDevice -Token $token -TimeoutSec 4 -WaitTimeoutSec 4 -ErrorAction SilentlyContinue
        $r.FailureStage | Should -Be 'Verify'
    }
}

Describe '-WhatIf and idempotent transport' {
    It '-WhatIf prints the exact CLI lines per device and changes nothing' {
        $d = $dev[12]   # IOS-XE 16, unregistered, factory call-home
        $configBefore = Show $d 'show running-config'
        $usesBefore = ((LabState).tokens | Where-Object { $_.value -eq $tokenText }).uses
        $out = Invoke-FreshPwsh @"
Import-Module '$(Get-ModuleManifestPath)'
`$d = Get-Content -Raw '$(($d | Select-Object ComputerName, Port, HostKeyFingerprint | ConvertTo-Json) -replace "'", "''" | Set-Content -PassThru -Path (Join-Path $TestDrive 'd.json') | Out-Null; Join-Path $TestDrive 'd.json')' | ConvertFrom-Json
`$cred = [pscredential]::new('$($d.Credential.UserName)', (ConvertTo-SecureString '$($d.Credential.GetNetworkCredential().Password)' -AsPlainText -Force))
`$enable = [pscredential]::new('enable', (ConvertTo-SecureString '$($d.EnableCredential.GetNetworkCredential().Password)' -AsPlainText -Force))
`$d | Register-SsmDevice -Credential `$cred -EnableCredential `$enable -Token '$tokenText' -Url '$($lab.OnPremServer)/Transportgateway/services/DeviceRequestHandler' -WhatIf
"@
        $text = $out.Text -replace "`e\[[\d;]*m", ''   # no ANSI codes in failure messages (the JUnit report refuses them)
        $text | Should -Match 'What if: .*configure terminal ; call-home ; profile CiscoTAC-1 ; active ; destination transport-method http ; no destination transport-method email ; destination address http https://\S+ ; end ; copy running-config startup-config ; license smart register idtoken'
        $text | Should -Match 'license smart register idtoken \*{8}'
        $text | Should -Not -Match ([regex]::Escape($tokenText))
        Show $d 'show running-config' | Should -Be $configBefore
        (Show $d 'show license status') | Should -Match 'Status: UNREGISTERED'
        ((LabState).tokens | Where-Object { $_.value -eq $tokenText }).uses | Should -Be $usesBefore
    }

    It 'Set-SsmDeviceTransport configures once, then reports the same configuration as unchanged (<Name>)' -ForEach @(
        @{ Name = 'NX-OS 9 callhome'; Index = 8 }
        @{ Name = 'IOS-XE 17 CSLU'; Index = 13 }
        @{ Name = 'IOS-XR call-home + commit'; Index = 10 }
    ) {
        $first = $dev[$Index] | Set-SsmDeviceTransport -ErrorAction Stop
        $first.Changed | Should -BeTrue
        $first.CommandsSent | Should -Not -BeNullOrEmpty
        $second = $dev[$Index] | Set-SsmDeviceTransport -ErrorAction Stop
        $second.Changed | Should -BeFalse
        $second.CommandsSent | Should -BeNullOrEmpty
        $second.Url | Should -Be $first.Url
    }

    It 'Test-SsmDeviceConnectivity pings On-Prem from the device; a failed ping is a result, not an error' {
        $ok = $dev[6] | Test-SsmDeviceConnectivity -ErrorAction Stop
        $ok.Success | Should -BeTrue
        $ok.SuccessRatePercent | Should -Be 100
        $ok.Target | Should -Be '127.0.0.1'
        $bad = $dev[6] | Test-SsmDeviceConnectivity -Target 192.0.2.1 -ErrorVariable err
        $bad.Success | Should -BeFalse
        $err | Should -BeNullOrEmpty
    }

    It 'Test-SsmRegistration -Detailed says which check failed and why' {
        $r = $dev[12] | Test-SsmRegistration -Detailed
        $r.Passed | Should -BeFalse
        ($r.Checks | Where-Object Name -EQ 'Registered').Detail | Should -Match 'UNREGISTERED'
        $dev[12] | Test-SsmRegistration | Should -BeFalse
    }
}

Describe 'Register-SsmDevice -Wait:$false' {
    It 'legacy: returns Submitted while the device is still registering; a rerun with the journal spends no second token use; Test-SsmRegistration confirms later' {
        $d = $dev[18]
        Set-SsmLabDevice -Path $lab.Path -Name $d.Name -RegistrationDelayMs 4000 | Out-Null
        try {
            $journal = Join-Path $TestDrive 'submitted.jsonl'
            $usesBefore = ((LabState).tokens | Where-Object { $_.value -eq $tokenText }).uses
            $clock = [Diagnostics.Stopwatch]::StartNew()
            $r = $d | Register-SsmDevice -Token $token -Wait:$false -JournalPath $journal -ErrorAction Stop
            Write-Host "    -Wait:`$false returned after $([math]::Round($clock.Elapsed.TotalSeconds, 1)) s (registration delay 4 s)"
            $r.Status | Should -Be 'Submitted'
            $r.FailureStage | Should -BeNullOrEmpty
            ($r.CommandsSent -join "`n") | Should -Match 'license smart register idtoken \*{8}$'
            $r.LicenseStatus.RegistrationStatus | Should -Be 'InProgress'
            $d | Test-SsmRegistration | Should -BeFalse
            # A rerun while it is still in progress: Submitted again, nothing sent (the journal does not skip Submitted).
            $again = $d | Register-SsmDevice -Token $token -Wait:$false -JournalPath $journal -ErrorAction Stop
            $again.Status | Should -Be 'Submitted'
            ($again.CommandsSent -join "`n") | Should -Not -Match 'register idtoken'
            $deadline = [DateTime]::UtcNow.AddSeconds(60)
            while (-not ($d | Test-SsmRegistration) -and [DateTime]::UtcNow -lt $deadline) { Start-Sleep -Milliseconds 500 }
            $d | Test-SsmRegistration | Should -BeTrue
            # Once registered, a rerun with the same journal looks again and finds it done.
            $third = $d | Register-SsmDevice -Token $token -JournalPath $journal -ErrorAction Stop
            $third.Status | Should -Be 'AlreadyRegistered'
            $third.CommandsSent | Should -BeNullOrEmpty
            ((LabState).tokens | Where-Object { $_.value -eq $tokenText }).uses | Should -Be ($usesBefore + 1)
            @(Get-Content $journal | Where-Object { $_.Trim() } | ForEach-Object { ($_ | ConvertFrom-Json).Status }) | Should -Be @('Submitted', 'Submitted', 'AlreadyRegistered')
        }
        finally { Set-SsmLabDevice -Path $lab.Path -Name $d.Name -RegistrationDelayMs -1 | Out-Null }
    }

    It 'SLP: waits for the trust code, sends the sync and returns Submitted; the ACK follows' {
        $d = $dev[19]
        Set-SsmLabDevice -Path $lab.Path -Name $d.Name -RegistrationDelayMs 1000 | Out-Null
        try {
            $r = $d | Register-SsmDevice -Token $token -Wait:$false -ErrorAction Stop
            $r.Status | Should -Be 'Submitted'
            $r.Mode | Should -Be 'SLP'
            ($r.CommandsSent -join "`n") | Should -Match 'license smart trust idtoken \*{8} all'
            $r.CommandsSent[-1] | Should -Be 'license smart sync all'
            $deadline = [DateTime]::UtcNow.AddSeconds(60)
            while (-not ($d | Test-SsmRegistration) -and [DateTime]::UtcNow -lt $deadline) { Start-Sleep -Milliseconds 500 }
            $d | Test-SsmRegistration | Should -BeTrue
        }
        finally { Set-SsmLabDevice -Path $lab.Path -Name $d.Name -RegistrationDelayMs -1 | Out-Null }
    }
}

Describe 'Test-SsmRegistration -Mode' {
    # 4 (IOS-XR, legacy) and 3 (NX-OS 10, SLP) were registered / reported by the first Describe blocks.
    It 'passes a device in the named mode, with a passed Mode check (<Name>)' -ForEach @(
        @{ Name = 'IOS-XR as SL'; Index = 4; Mode = 'SL' }
        @{ Name = 'NX-OS 10 as SLP'; Index = 3; Mode = 'SLP' }
    ) {
        $dev[$Index] | Test-SsmRegistration -Mode $Mode | Should -BeTrue
        $r = $dev[$Index] | Test-SsmRegistration -Mode $Mode -Detailed
        $r.Passed | Should -BeTrue
        ($r.Checks | Where-Object Name -EQ 'Mode').Passed | Should -BeTrue
        ($r.Checks | Where-Object Name -EQ 'Mode').Detail | Should -Match "uses $Mode, as expected"
    }

    It 'fails a device in the other mode, says which mode it is in and what to do, and applies the named mode''s checks (<Name>)' -ForEach @(
        @{ Name = 'IOS-XR expected SLP'; Index = 4; Mode = 'SLP'; Says = 'uses SL .*upgrade'; Applied = 'RecentAck' }
        @{ Name = 'NX-OS 10 expected SL'; Index = 3; Mode = 'SL'; Says = 'uses SLP .*-Mode SLP'; Applied = 'Registered' }
    ) {
        $dev[$Index] | Test-SsmRegistration -Mode $Mode | Should -BeFalse
        $r = $dev[$Index] | Test-SsmRegistration -Mode $Mode -Detailed
        $r.Passed | Should -BeFalse
        $mode = $r.Checks | Where-Object Name -EQ 'Mode'
        $mode.Passed | Should -BeFalse
        $mode.Detail | Should -Match $Says
        $r.Checks.Name | Should -Contain $Applied
        $r.FailedChecks | Should -Match '^Mode: '
    }

    It 'Auto judges by the reported mode and adds no Mode check' {
        $r = $dev[4] | Test-SsmRegistration -Detailed
        $r.Passed | Should -BeTrue
        $r.Checks.Name | Should -Not -Contain 'Mode'
    }
}

Describe 'Sessions from New-SsmDeviceSession, end to end' {
    It 'Set-SsmDeviceTransport, Register-SsmDevice, Test-SsmRegistration and Sync-SsmUsage use them, piped or given, and leave them open' {
        # In device order (New-SsmDeviceSession returns them as they connect): legacy IOS-XE 16, then SLP IOS-XE 17.
        $opened = @($dev[24], $dev[25] | New-SsmDeviceSession -ErrorAction Stop)
        $sessions = @($dev[24], $dev[25] | ForEach-Object { $port = $_.Port; $opened | Where-Object Port -EQ $port })
        try {
            $t = $sessions | Set-SsmDeviceTransport -ErrorAction Stop
            @($t) | Should -HaveCount 2
            $t.Changed | Should -Be @($true, $true)
            $r = @(Register-SsmDevice -Session $sessions -Token $token -ErrorAction Stop)
            $byPort = @{}; $r | ForEach-Object { $byPort[$_.Port] = $_ }
            $byPort[$dev[24].Port].Status | Should -Be 'Registered'
            $byPort[$dev[25].Port].Status | Should -Be 'Reported'
            $r.TransportChanged | Should -Be @($false, $false)
            $sessions | Test-SsmRegistration | Should -Be @($true, $true)
            # One device at a time keeps the order: the legacy one passes -Mode SL, the SLP one does not.
            Test-SsmRegistration -Session $sessions -Mode SL -ThrottleLimit 1 | Should -Be @($true, $false)
            $u = $sessions[1] | Sync-SsmUsage -Wait -TimeoutSec 30 -WaitTimeoutSec 30 -ErrorAction Stop
            $u.Acknowledged | Should -BeTrue
            $u2 = Sync-SsmUsage -Session $sessions[1] -ErrorAction Stop
            $u2.Command | Should -Be 'license smart sync all'
            # A session the user opened is the user's to close: still open and usable.
            $sessions.State | Should -Be @('Open', 'Open')
            (Get-SsmDeviceSession -Id $sessions.Id) | Should -HaveCount 2
            (Invoke-SsmDeviceCommand -Session $sessions -Command 'show clock').Output | Should -HaveCount 2
        }
        finally { $opened | Remove-SsmDeviceSession }
    }
}

Describe '-SourceInterface and -Vrf' {
    It 'Set-SsmDeviceTransport sends the platform''s lines, the running config keeps them, a rerun is unchanged (<Name>)' -ForEach @(
        @{ Name = 'IOS-XE 16 call-home'; Index = 30; Lines = @('ip http client source-interface Loopback0', 'call-home', 'vrf Mgmt-intf'); Config = @('^ip http client source-interface Loopback0$', '^ vrf Mgmt-intf$'); Source = 'Loopback0' }
        @{ Name = 'IOS-XE 17 SLP'; Index = 31; Lines = @('ip http client source-interface Loopback0', 'license smart vrf Mgmt-intf', 'license smart transport cslu'); Config = @('^ip http client source-interface Loopback0$', '^license smart vrf Mgmt-intf$'); Source = 'Loopback0' }
        @{ Name = 'IOS-XR call-home + commit'; Index = 22; Lines = @('call-home', 'vrf Mgmt-intf', 'commit'); Config = @('^ vrf Mgmt-intf$'); Source = $null }
    ) {
        $extra = @{ Vrf = 'Mgmt-intf' }; if ($Source) { $extra.SourceInterface = $Source }
        $first = $dev[$Index] | Set-SsmDeviceTransport @extra -ErrorAction Stop
        $first.Changed | Should -BeTrue
        foreach ($line in $Lines) { $first.CommandsSent | Should -Contain $line }
        # (not $config: PowerShell names are case-insensitive, it would overwrite $Config)
        $running = (Show $dev[$Index] 'show running-config') -replace "`r", ''
        foreach ($pattern in $Config) { $running | Should -Match "(?m)$pattern" }
        $second = $dev[$Index] | Set-SsmDeviceTransport @extra -ErrorAction Stop
        $second.Changed | Should -BeFalse
        $second.CommandsSent | Should -BeNullOrEmpty
    }

    It 'Register-SsmDevice leaves those lines alone on a rerun and pings through the VRF from the source (<Name>)' -ForEach @(
        @{ Name = 'IOS-XE 16'; Index = 30; Status = 'Registered' }
        @{ Name = 'IOS-XE 17'; Index = 31; Status = 'Reported' }
    ) {
        # The connectivity stage pings 'vrf Mgmt-intf ... source Loopback0': a refused line would fail it at Connectivity.
        $r = $dev[$Index] | Register-SsmDevice -Token $token -Vrf Mgmt-intf -SourceInterface Loopback0 -ErrorAction Stop
        $r.Status | Should -Be $Status
        $r.TransportChanged | Should -BeFalse
        ($r.CommandsSent -join "`n") | Should -Not -Match 'vrf|source-interface'
    }

    It 'Test-SsmDeviceConnectivity puts the VRF and source where each platform wants them (<Name>)' -ForEach @(
        @{ Name = 'IOS-XE'; Index = 30; Vrf = 'Mgmt-intf'; Source = 'Loopback0'; Command = 'ping vrf Mgmt-intf 127.0.0.1 source Loopback0' }
        @{ Name = 'NX-OS'; Index = 20; Vrf = 'management'; Source = 'mgmt0'; Command = 'ping 127.0.0.1 vrf management source-interface mgmt0' }
        @{ Name = 'IOS-XR'; Index = 22; Vrf = 'Mgmt-intf'; Source = 'MgmtEth0/RP0/CPU0/0'; Command = 'ping vrf Mgmt-intf 127.0.0.1 source MgmtEth0/RP0/CPU0/0' }
        @{ Name = 'ASA'; Index = 23; Vrf = $null; Source = 'management'; Command = 'ping management 127.0.0.1' }
    ) {
        $extra = @{ SourceInterface = $Source }; if ($Vrf) { $extra.Vrf = $Vrf }
        $p = $dev[$Index] | Test-SsmDeviceConnectivity @extra -ErrorAction Stop
        $p.Command | Should -Be $Command
        $p.Success | Should -BeTrue
    }

    It 'refuses a line the platform has no documented syntax for, per device, sending nothing (<Name>)' -ForEach @(
        @{ Name = 'NX-OS -SourceInterface'; Index = 20; Extra = @{ SourceInterface = 'mgmt0' } }
        @{ Name = 'ASA -Vrf'; Index = 23; Extra = @{ Vrf = 'inside' } }
    ) {
        $before = Show $dev[$Index] 'show running-config'
        $dev[$Index] | Set-SsmDeviceTransport @Extra -ErrorVariable err -ErrorAction SilentlyContinue | Out-Null
        $err | Should -HaveCount 1
        $err[0].FullyQualifiedErrorId | Should -Be 'TransportOptionUnsupported,SsmOnPrem.Commands.SetSsmDeviceTransportCommand'
        $r = $dev[$Index] | Register-SsmDevice -Token $token @Extra -ErrorAction SilentlyContinue
        $r.FailureStage | Should -Be 'Transport'
        $r.ErrorId | Should -Be 'TransportOptionUnsupported'
        $r.CommandsSent | Should -BeNullOrEmpty
        Remove-LabTimestamp (Show $dev[$Index] 'show running-config') | Should -Be (Remove-LabTimestamp $before)
    }

    It 'refuses a -Vrf or -SourceInterface that cannot be a CLI argument before touching any device' {
        { $dev[30] | Register-SsmDevice -Token $token -Vrf 'x y' -ErrorAction Stop } | Should -Throw -ErrorId 'UnsafeCliArgument,*'
        { $dev[30] | Test-SsmDeviceConnectivity -SourceInterface 'Gi0;reload' -ErrorAction Stop } | Should -Throw -ErrorId 'UnsafeCliArgument,*'
    }
}
