# The registration workflow end to end: Register-SsmDevice and friends against the lab (real OpenSSH sshd in front of
# emulated devices that call the HTTPS On-Prem emulator). One lab for the file; registration delay kept small.
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-Module (Join-Path (Get-RepoRoot) 'out/SsmOnPrem.Lab/SsmOnPrem.Lab.psd1') -Force
    Import-Module (Get-ModuleManifestPath) -Force
    # 'mix' order: IOS-XE-16, IOS-XE-17, NX-OS-9, NX-OS-10, IOS-XR, ASA, then again. Each test owns its devices:
    #  0 XE16, 2 NX9, 4 XR, 5 ASA legacy success (0: already/force, 2: transport unchanged); 1 XE17, 3 NX10 SLP success;
    #  6 XE16 connect + revoked token; 7 XE17 identify; 8 NX9, 10 XR, 13 XE17 idempotent transport; 11 ASA transport;
    #  12 XE16 -WhatIf then Test-SsmRegistration; 14 NX9 device-given reason; 15 NX10 connectivity then verify; 16 XR wait.
    $script:lab = Start-SsmLab -DeviceCount 18 -Platform mix -RegistrationDelayMs 150
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
        @{ Name = 'IOS-XE 16'; Index = 0; Platform = 'IOS-XE' }
        @{ Name = 'NX-OS 9'; Index = 2; Platform = 'NX-OS' }
        @{ Name = 'IOS-XR'; Index = 4; Platform = 'IOS-XR' }
        @{ Name = 'ASA'; Index = 5; Platform = 'ASA' }
    ) {
        $r = $dev[$Index] | Register-SsmDevice -Token $token -ErrorAction Stop
        $r.Status | Should -Be 'Registered'
        $r.Platform | Should -Be $Platform
        $r.Mode | Should -Be 'SL'
        $r.FailureStage | Should -BeNullOrEmpty
        $r.TransportChanged | Should -BeTrue
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
        $r.CommandsSent | Should -HaveCount 1
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
        $r.LicenseStatus.LastAckReceived | Should -Not -BeNullOrEmpty
        $r.LicenseStatus.TransportType | Should -Be 'Cslu'
        $r.LicenseStatus.TransportUrl | Should -Match '/cslu/v1/pi/'
        ($r.CommandsSent -join "`n") | Should -Match 'license smart trust idtoken \*{8} all'
        ($r.CommandsSent -join "`n") | Should -Match 'license smart sync all'
        $check = $dev[$Index] | Test-SsmRegistration -Detailed -IncludeInventory
        $check.Checks | Where-Object { -not $_.Passed } | Should -BeNullOrEmpty
        $check.Checks.Name | Should -Contain 'UsageReportAlert'
        $check.Passed | Should -BeTrue
    }

    It 'Sync-SsmUsage -Wait returns the ACK time past the sync' {
        $s = $dev[1] | Sync-SsmUsage -Wait -ErrorAction Stop
        $s.Acknowledged | Should -BeTrue
        $s.LastAckReceived | Should -Not -BeNullOrEmpty
        $s.Command | Should -Be 'license smart sync all'
        $again = $dev[1] | Sync-SsmUsage -Scope Local -Wait
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
        $r = $d | Register-SsmDevice -Token $token -TimeoutSec 10 -ErrorVariable err -ErrorAction SilentlyContinue
        $r.Status | Should -Be 'Failed'
        $r.FailureStage | Should -Be 'Connect'
        $err | Should -HaveCount 1
        $err[0].FullyQualifiedErrorId | Should -BeLike 'DeviceConnectionRefused,*RegisterSsmDeviceCommand'
    }

    It 'Identify: show version never answers' {
        Set-SsmLabDevice -Path $lab.Path -Name $dev[7].Name -HangCommand 'show version' | Out-Null
        try {
            $r = $dev[7] | Register-SsmDevice -Token $token -TimeoutSec 3 -ErrorAction SilentlyContinue
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
        $r = $dev[16] | Register-SsmDevice -Token $token -TimeoutSec 4 -ErrorAction SilentlyContinue
        $r.FailureStage | Should -Be 'Wait'
        $r.ErrorId | Should -Be 'RegistrationTimeout'
        $r.FailureReason | Should -Match 'IN PROGRESS'
    }

    It 'Verify: the final read of the license state fails' {
        Set-SsmLabDevice -Path $lab.Path -Name $dev[15].Name -HangCommand 'show license udi' | Out-Null
        $r = $dev[15] | Register-SsmDevice -Token $token -TimeoutSec 4 -ErrorAction SilentlyContinue
        $r.FailureStage | Should -Be 'Verify'
    }
}

Describe '-WhatIf and idempotent transport' {
    It '-WhatIf prints the exact CLI lines per device and changes nothing' {
        $d = $dev[12]   # IOS-XE 16, unregistered, factory call-home
        $configBefore = Show $d 'show running-config' | Where-Object { $_ -notmatch 'Time:|last done' }
        $usesBefore = ((LabState).tokens | Where-Object { $_.value -eq $tokenText }).uses
        $out = Invoke-FreshPwsh @"
Import-Module '$(Get-ModuleManifestPath)'
`$d = Get-Content -Raw '$(($d | Select-Object ComputerName, Port, HostKeyFingerprint | ConvertTo-Json) -replace "'", "''" | Set-Content -PassThru -Path (Join-Path $TestDrive 'd.json') | Out-Null; Join-Path $TestDrive 'd.json')' | ConvertFrom-Json
`$cred = [pscredential]::new('$($d.Credential.UserName)', (ConvertTo-SecureString '$($d.Credential.GetNetworkCredential().Password)' -AsPlainText -Force))
`$d | Register-SsmDevice -Credential `$cred -Token '$tokenText' -Url '$($lab.OnPremServer)/Transportgateway/services/DeviceRequestHandler' -WhatIf
"@
        $out.Text | Should -Match 'What if: .*configure terminal ; call-home ; profile CiscoTAC-1 ; active ; destination transport-method http ; no destination transport-method email ; destination address http https://\S+ ; end ; license smart register idtoken'
        $out.Text | Should -Match 'license smart register idtoken \*{8}'
        $out.Text | Should -Not -Match ([regex]::Escape($tokenText))
        (Show $d 'show running-config' | Where-Object { $_ -notmatch 'Time:|last done' }) | Should -Be $configBefore
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
