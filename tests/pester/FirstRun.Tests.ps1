# First run at a real site, in the lab: the On-Prem certificate's name, name resolution and a blocked port on the device,
# each ending before any device is touched (LoginCount unchanged) or as a result failed at Connectivity with a
# Recommendation, while healthy devices in the same run register. Also the lab object feeding Connect-SsmOnPrem.
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-Module (Join-Path (Get-RepoRoot) 'out/SsmOnPrem.Lab/SsmOnPrem.Lab.psd1') -Force
    Import-Module (Get-ModuleManifestPath) -Force
    # Default certificate (127.0.0.1, localhost). 'mix': 0 XE16, 1 XE17, 2 NX9, 3 NX10, 4 XR, 5 ASA.
    $script:lab = Start-SsmLab -DeviceCount 6 -Platform mix -RegistrationDelayMs 150 -DeviceFault @{ 'asa-0006' = @{ RegistrationFailure = 'Communication message send error' } }
    # A site certificate that carries one DNS name only; the lab's name server resolves it. 0 XE16, 1 XE17, 2 NX9, 3 XR, 4 XR.
    $script:named = Start-SsmLab -DeviceCount 5 -Platform IOS-XE-16, IOS-XE-17, NX-OS-9, IOS-XR, IOS-XR -RegistrationDelayMs 150 -OnPremCertificateName 'onprem.lab.test'
    function script:Logins($Lab) { ((Get-SsmLab -Path $Lab.Path).Devices | ForEach-Object { "$($_.Name)=$($_.LoginCount)" }) -join ',' }
}

AfterAll {
    Disconnect-SsmOnPrem -ErrorAction SilentlyContinue
    Stop-SsmLab -Confirm:$false   # both labs: every lab this session started
}

Describe 'The lab object feeds Connect-SsmOnPrem' {
    It 'binds server, ports, API credential, account, virtual account and pinned thumbprint by property name; devices register' {
        $lab.DevicePort | Should -Be ([uri]$lab.OnPremServer).Port
        $c = $lab | Connect-SsmOnPrem -PassThru -WarningVariable warned
        $warned | Should -BeNullOrEmpty
        $c.DevicePort | Should -Be $lab.DevicePort
        $c.CertificateThumbprint | Should -Be $lab.CertificateThumbprint
        $c.Account | Should -Be $lab.Account
        $r = $lab.Devices[0] | Register-SsmDevice -NewToken -ErrorAction Stop
        $r.Status | Should -Be 'Registered'
    }

    It 'warns, naming -DevicePort, when the device port was not given and the API port is neither 443 nor 8443' {
        $null = Connect-SsmOnPrem -Server $lab.OnPremServer -Credential $lab.ApiCredential -CertificateThumbprint $lab.CertificateThumbprint `
            -Account $lab.Account -VirtualAccount $lab.VirtualAccount -WarningVariable warned -WarningAction SilentlyContinue
        ($warned -join ' ') | Should -Match '-DevicePort'
        ($warned -join ' ') | Should -Match "port $($lab.DevicePort)"
        $null = $lab | Connect-SsmOnPrem -WarningVariable quiet
        $quiet | Should -BeNullOrEmpty
    }

    It 'applies fault knobs given at start (a registration failure per device)' {
        $lab | Connect-SsmOnPrem
        $r = $lab.Devices[5] | Register-SsmDevice -NewToken -ErrorAction SilentlyContinue -ErrorVariable err
        $r.Status | Should -Be 'Failed'
        $r.FailureReason | Should -Match 'Communication message send error'
        $r.Recommendation | Should -Match 'Test-SsmDeviceConnectivity'
        $err[0].ErrorDetails.RecommendedAction | Should -Be $r.Recommendation
    }

    It 'refuses a -DeviceFault for a device the lab does not have' {
        $running = @(Get-SsmLab).Count
        { Start-SsmLab -DeviceCount 1 -DeviceFault @{ 'nope' = @{ LatencyMs = 5 } } } | Should -Throw '*nope*'
        @(Get-SsmLab).Count | Should -Be $running   # the lab it started for that is stopped again
    }
}

Describe 'Test-SsmDeviceConnectivity: name resolution and the TCP port from the device' {
    BeforeAll { $lab | Connect-SsmOnPrem }

    It 'opens the device port over telnet on <Name>' -ForEach @(
        @{ Name = 'IOS-XE'; Index = 1; Command = 'telnet 127.0.0.1 \d+$' }
        @{ Name = 'NX-OS'; Index = 2; Command = 'telnet 127.0.0.1 \d+$' }
    ) {
        $t = $lab.Devices[$Index] | Test-SsmDeviceConnectivity
        $t.Success | Should -BeTrue
        $t.TcpPort | Should -Be $lab.DevicePort
        $t.TcpConnected | Should -BeTrue
        $t.TcpCheck | Should -Be 'Open'
        $t.TcpCommand | Should -Match $Command
        # The session is usable after the telnet (the HTTPS server hung up on the line typed).
        $again = $lab.Devices[$Index] | Test-SsmDeviceConnectivity -SkipTcpCheck
        $again.TcpPort | Should -BeNullOrEmpty
        $again.Success | Should -BeTrue
    }

    It 'says why it skips the TCP check on <Name>' -ForEach @(
        @{ Name = 'IOS-XR'; Index = 4; Why = 'xr-telnet' }
        @{ Name = 'ASA'; Index = 5; Why = 'ASA' }
    ) {
        $t = $lab.Devices[$Index] | Test-SsmDeviceConnectivity
        $t.Success | Should -BeTrue
        $t.TcpConnected | Should -BeNullOrEmpty
        $t.TcpCheck | Should -Match "^Skipped: .*$Why"
    }

    It 'reports a port that refuses TCP (ping answers) with a Recommendation' {
        Set-SsmLabDevice -Path $lab.Path -Name $lab.Devices[3].Name -BlockOnPremPort $true | Out-Null
        try {
            $t = $lab.Devices[3] | Test-SsmDeviceConnectivity
            $t.PingSucceeded | Should -BeTrue
            $t.Success | Should -BeFalse
            $t.FailedCheck | Should -Be 'TcpPort'
            $t.TcpCheck | Should -Be 'Refused'
            $t.Reason | Should -Match 'Connection refused'
            $t.Recommendation | Should -Match 'TCP'
        }
        finally { Set-SsmLabDevice -Path $lab.Path -Name $lab.Devices[3].Name -BlockOnPremPort $false | Out-Null }
    }
}

Describe 'A certificate that does not carry the device-facing host' {
    BeforeAll { $named | Connect-SsmOnPrem }

    It 'stops before any device is touched with DeviceUrlNotInCertificate, naming host, certificate names and what to do' {
        $before = Logins $named
        $err = $null
        try { $named.Devices | Register-SsmDevice -NewToken -ErrorAction Stop } catch { $err = $_ }
        $err | Should -Not -BeNullOrEmpty
        $err.FullyQualifiedErrorId | Should -BeLike 'DeviceUrlNotInCertificate,*'
        $err.CategoryInfo.Category | Should -Be 'SecurityError'
        $err.Exception.Message | Should -Match "'127\.0\.0\.1'"
        $err.Exception.Message | Should -Match 'onprem\.lab\.test'
        $err.ErrorDetails.RecommendedAction | Should -Match '-DeviceHost onprem\.lab\.test'
        $err.ErrorDetails.RecommendedAction | Should -Match 'no http secure server-identity-check'
        Logins $named | Should -Be $before
    }

    It 'reports it under -WhatIf too, still touching nothing' {
        $before = Logins $named
        { $named.Devices | Register-SsmDevice -NewToken -WhatIf -ErrorAction Stop } | Should -Throw -ErrorId 'DeviceUrlNotInCertificate*'
        Logins $named | Should -Be $before
    }

    It 'with -SkipCertificateNameCheck the device refuses the name itself, tersely, unless its check is off' {
        $xe = $named.Devices[0]
        $r = $xe | Register-SsmDevice -NewToken -SkipCertificateNameCheck -ErrorAction SilentlyContinue
        $r.Status | Should -Be 'Failed'
        $r.FailureStage | Should -Be 'Register'
        $r.FailureReason | Should -Match 'Fail to send out Call Home HTTP message'
        $r.Recommendation | Should -Match 'server-identity-check'
        $null = $xe | Invoke-SsmDeviceCommand -Configuration -Command 'no http secure server-identity-check' -ErrorAction Stop
        ($xe | Register-SsmDevice -NewToken -SkipCertificateNameCheck -Force -ErrorAction Stop).Status | Should -Be 'Registered'
    }

    It 'IOS-XR accepts the certificate only with its hidden http client secure-verify-peer disable' {
        $xr = $named.Devices[4]
        $r = $xr | Register-SsmDevice -NewToken -SkipCertificateNameCheck -ErrorAction SilentlyContinue
        $r.Status | Should -Be 'Failed'
        $r.FailureReason | Should -Match 'Fail to send out Call Home HTTP message'
        $r.Recommendation | Should -Match 'secure-verify-peer'
        $null = $xr | Invoke-SsmDeviceCommand -Configuration -Command 'http client secure-verify-peer disable' -ErrorAction Stop
        ($xr | Register-SsmDevice -NewToken -SkipCertificateNameCheck -Force -ErrorAction Stop).Status | Should -Be 'Registered'
    }

    It 'registers healthy devices through -DeviceHost while a device without a name server and one behind an ACL fail at Connectivity' {
        $named | Connect-SsmOnPrem -DeviceHost 'onprem.lab.test'
        Set-SsmLabDevice -Path $named.Path -Name $named.Devices[1].Name -NoNameServer $true | Out-Null
        Set-SsmLabDevice -Path $named.Path -Name $named.Devices[2].Name -BlockOnPremPort $true | Out-Null
        $journal = Join-Path $TestDrive 'first-run.jsonl'
        $results = $named.Devices[1..3] | Register-SsmDevice -NewToken -JournalPath $journal -ErrorAction SilentlyContinue -ErrorVariable errs
        $byName = @{}; foreach ($r in $results) { $byName[$r.Hostname] = $r }

        $dns = $byName[$named.Devices[1].Name]
        $dns.Status | Should -Be 'Failed'
        $dns.FailureStage | Should -Be 'Connectivity'
        $dns.ErrorId | Should -Be 'OnPremNameNotResolvedOnDevice'
        $dns.FailureReason | Should -Match 'onprem\.lab\.test'
        $dns.Recommendation | Should -Match 'name server'

        $acl = $byName[$named.Devices[2].Name]
        $acl.Status | Should -Be 'Failed'
        $acl.FailureStage | Should -Be 'Connectivity'
        $acl.ErrorId | Should -Be 'OnPremPortBlockedFromDevice'
        $acl.Recommendation | Should -Match 'TCP'

        $byName[$named.Devices[3].Name].Status | Should -Be 'Registered'   # IOS-XR: the URL's name is the certificate's
        ($byName.Values.CommandsSent -join "`n") | Should -Match 'https://onprem\.lab\.test:'

        # The Recommendation is in the error record, the journal, the JSON and the default table.
        ($errs | Where-Object { $_.FullyQualifiedErrorId -like 'OnPremNameNotResolvedOnDevice,*' }).ErrorDetails.RecommendedAction | Should -Be $dns.Recommendation
        $lines = Get-Content $journal | ForEach-Object { $_ | ConvertFrom-Json }
        ($lines | Where-Object ErrorId -EQ 'OnPremPortBlockedFromDevice').Recommendation | Should -Be $acl.Recommendation
        ($dns | ConvertTo-Json -Depth 3) | Should -Match 'name server'
        # The table wraps the reason and the next step within its column; compare without the white space.
        (($results | Format-Table | Out-String -Width 200) -replace '\s', '') | Should -Match 'Next:Thedevicecannotresolve'
    }
}

Describe 'The labs of a session' {
    It 'Get-SsmLab and Stop-SsmLab without -Path list and stop the labs this session started (Stop honours -WhatIf)' {
        $run = Invoke-FreshPwsh @"
Import-Module '$(Join-Path (Get-RepoRoot) 'out/SsmOnPrem.Lab/SsmOnPrem.Lab.psd1')'
`$a = Start-SsmLab -DeviceCount 1 -RegistrationDelayMs 100
`$b = Start-SsmLab -DeviceCount 1 -RegistrationDelayMs 100 -LatencyMs 20
"listed=`$(@(Get-SsmLab).Count)"
Stop-SsmLab -WhatIf
"afterWhatIf=`$(@(Get-SsmLab).Count)"
Stop-SsmLab -Confirm:`$false
"afterStop=`$(@(Get-SsmLab).Count) alive=`$((Test-Path "/proc/`$(`$a.ProcessId)") -or (Test-Path "/proc/`$(`$b.ProcessId)")) folders=`$((Test-Path `$a.Path) -or (Test-Path `$b.Path))"
"@
        $run.Text | Should -Match 'listed=2'
        $run.Text | Should -Match 'afterWhatIf=2'
        $run.Text | Should -Match 'afterStop=0 alive=False folders=False'
    }
}
