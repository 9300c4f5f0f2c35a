# Device sessions against the lab's emulated devices over real OpenSSH (and, for auth methods the lab does not offer,
# against a throwaway sshd of our own). Imports the BUILT module.
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-Module (Join-Path $PSScriptRoot 'DeviceTestHelpers.psm1') -Force
    Import-Module (Join-Path (Get-RepoRoot) 'out/SsmOnPrem.Lab/SsmOnPrem.Lab.psd1') -Force
    Import-Module (Get-ModuleManifestPath) -Force
    $script:lab = Start-SsmLab -DeviceCount 9 -Platform mix -RegistrationDelayMs 100
    $script:work = New-TestDirectory
    # Lab order with 'mix': IOS-XE-16, IOS-XE-17, NX-OS-9, NX-OS-10, IOS-XR, ASA, then again.
    $script:xe16 = $lab.Devices[0]; $script:xe17 = $lab.Devices[1]; $script:nx9 = $lab.Devices[2]; $script:nx10 = $lab.Devices[3]
    $script:xr = $lab.Devices[4]; $script:asa = $lab.Devices[5]
    $script:spareForHang = $lab.Devices[6]; $script:spareForKeyChange = $lab.Devices[7]; $script:spareForCancel = $lab.Devices[8]
    $script:password = $xe16.Credential.GetNetworkCredential().Password
    $script:secret = $xe16.EnableCredential.GetNetworkCredential().Password
    function script:Connect($Device, [hashtable] $Extra = @{}) {
        $Device | New-SsmDeviceSession -TimeoutSec 20 -ErrorAction Stop @Extra
    }
}

AfterAll {
    Get-SsmDeviceSession | Remove-SsmDeviceSession
    if ($script:lab) { $script:lab | Stop-SsmLab }
    if ($script:work) { Remove-Item $script:work -Recurse -Force -ErrorAction SilentlyContinue }
}

Describe 'New-SsmDeviceSession on every lab platform' {
    BeforeAll { $script:sessions = $lab.Devices[0..5] | New-SsmDeviceSession -ThrottleLimit 6 -ErrorAction Stop }

    It 'opens a privileged session to each device, pipelined from the lab by property name' {
        $sessions | Should -HaveCount 6
        $sessions | ForEach-Object { $_.State | Should -Be 'Open'; $_.IsPrivileged | Should -BeTrue; $_.Prompt | Should -Match '#$' }
    }

    It 'identifies platform, release, licensing mode and serial from show version' -ForEach @(
        @{ Index = 0; Platform = 'IosXe'; Mode = 'SmartLicensing' }
        @{ Index = 1; Platform = 'IosXe'; Mode = 'SmartLicensingUsingPolicy' }
        @{ Index = 2; Platform = 'NxOs'; Mode = 'SmartLicensing' }
        @{ Index = 3; Platform = 'NxOs'; Mode = 'SmartLicensingUsingPolicy' }
        @{ Index = 4; Platform = 'IosXr'; Mode = 'SmartLicensing' }
        @{ Index = 5; Platform = 'Asa'; Mode = 'SmartLicensing' }
    ) {
        $device = $lab.Devices[$Index]
        $s = $sessions | Where-Object Port -eq $device.Port
        "$($s.Platform)" | Should -Be $Platform
        "$($s.LicensingMode)" | Should -Be $Mode
        $s.Release | Should -Be $device.Release
        $s.Hostname | Should -Be $device.Name
        # IOS-XR does not print its serial number in show version (Get-SsmLicenseStatus takes it from the UDI).
        if ($Platform -ne 'IosXr') { $s.Identity.SerialNumber | Should -Be $device.SerialNumber }
        $s.HostKeyFingerprint | Should -Be $device.HostKeyFingerprint
    }

    It 'lists the sessions of this runspace and closes them with Remove-SsmDeviceSession' {
        $ids = $sessions.Id
        (Get-SsmDeviceSession -Id $ids) | Should -HaveCount 6
        Get-SsmDeviceSession -ComputerName $xr.Name | Should -Not -BeNullOrEmpty
        $sessions[0] | Remove-SsmDeviceSession
        "$($sessions[0].State)" | Should -Be 'Closed'
        (Get-SsmDeviceSession).Id | Should -Not -Contain $sessions[0].Id
        { Get-SsmDeviceSession -Id $sessions[0].Id -ErrorAction Stop } | Should -Throw -ErrorId 'DeviceSessionNotFound,SsmOnPrem.Commands.GetSsmDeviceSessionCommand'
    }
}

Describe 'Enable, paging, CLI errors, confirmations, configuration' {
    BeforeAll {
        $script:sXe = Connect $xe17
        $script:sXr = Connect $xr
        $script:sAsa = Connect $asa
    }

    It 'refuses a wrong enable secret with EnableSecretRejected and never shows it' {
        $wrong = [pscredential]::new('enable', (ConvertTo-SecureString 'NotTheSecret99' -AsPlainText -Force))
        $err = $null
        $xe16 | New-SsmDeviceSession -EnableCredential $wrong -ErrorAction SilentlyContinue -ErrorVariable err | Should -BeNullOrEmpty
        $err[0].FullyQualifiedErrorId | Should -Be 'EnableSecretRejected,SsmOnPrem.Commands.NewSsmDeviceSessionCommand'
        "$err" | Should -Not -Match 'NotTheSecret99'
    }

    It 'stays in user EXEC without an enable secret' {
        $s = $xe16 | Select-Object ComputerName, Port, Credential, HostKeyFingerprint | New-SsmDeviceSession -ErrorAction Stop
        $s.Prompt | Should -Match '>$'
        $s.IsPrivileged | Should -BeFalse
        { Invoke-SsmDeviceCommand -Session $s -Command 'hostname x' -Configuration -ErrorAction Stop } |
            Should -Throw -ErrorId 'PrivilegedModeRequired,SsmOnPrem.Commands.InvokeSsmDeviceCommandCommand'
        $s | Remove-SsmDeviceSession
    }

    It 'answers --More-- when paging is on and returns the same output as with paging off (<Name>)' -ForEach @(
        @{ Name = 'IOS-XE'; Session = 'sXe'; On = 'terminal length 8'; Off = 'terminal length 0' }
        @{ Name = 'ASA'; Session = 'sAsa'; On = 'terminal pager 8'; Off = 'terminal pager 0' }
    ) {
        $s = Get-Variable $Session -ValueOnly
        $paged = Invoke-SsmDeviceCommand -Session $s -Command $On, 'show running-config' | Select-Object -Last 1
        $plain = Invoke-SsmDeviceCommand -Session $s -Command $Off, 'show running-config' | Select-Object -Last 1
        $paged.Pages | Should -BeGreaterThan 0
        $plain.Pages | Should -Be 0
        $paged.Output | Should -Be $plain.Output
        $paged.Output | Should -Not -Match 'More'
    }

    It 'raises <Id> for "<Command>" on <Name> as a non-terminating error carrying the device output' -ForEach @(
        @{ Name = 'IOS-XE'; Session = 'sXe'; Command = 'show bogus'; Id = 'CliInvalidInput' }
        @{ Name = 'IOS-XE'; Session = 'sXe'; Command = 'show'; Id = 'CliIncompleteCommand' }
        @{ Name = 'IOS-XE'; Session = 'sXe'; Command = 'co'; Id = 'CliAmbiguousCommand' }
        @{ Name = 'IOS-XR'; Session = 'sXr'; Command = 'show bogus'; Id = 'CliInvalidInput' }
        @{ Name = 'ASA'; Session = 'sAsa'; Command = 'show bogus'; Id = 'CliInvalidInput' }
    ) {
        $s = Get-Variable $Session -ValueOnly
        $err = $null
        $out = Invoke-SsmDeviceCommand -Session $s -Command $Command, 'show clock' -ErrorAction SilentlyContinue -ErrorVariable err
        $err | Should -HaveCount 1
        $err[0].FullyQualifiedErrorId | Should -Be "$Id,SsmOnPrem.Commands.InvokeSsmDeviceCommandCommand"
        "$($err[0].CategoryInfo.Category)" | Should -Be 'DeviceError'
        $err[0].Exception.DeviceOutput | Should -Match '%'
        $out.Command | Should -Be 'show clock'   # the next line still ran
    }

    It 'answers a [yes/no] question only with -Force (IOS-XR uncommitted changes on end)' {
        $lines = 'configure', 'call-home', 'contact-email-addr noforce@example.com', 'end'
        $err = $null
        Invoke-SsmDeviceCommand -Session $sXr -Command $lines -ErrorAction SilentlyContinue -ErrorVariable err | Out-Null
        $err[0].FullyQualifiedErrorId | Should -Be 'ConfirmationRequired,SsmOnPrem.Commands.InvokeSsmDeviceCommandCommand'
        (Invoke-SsmDeviceCommand -Session $sXr -Command 'show running-config call-home').Output | Should -Not -Match 'noforce@'

        $forced = Invoke-SsmDeviceCommand -Session $sXr -Command ('configure', 'call-home', 'contact-email-addr forced@example.com', 'end') -Force
        $forced[-1].Answered | Should -Be @('yes/no')
        (Invoke-SsmDeviceCommand -Session $sXr -Command 'show running-config call-home').Output | Should -Match 'forced@example.com'
    }

    It 'saves with a typed copy: the file-name questions keep their defaults (<Name>)' -ForEach @(
        @{ Name = 'IOS-XE, destination asked'; Session = 'sXe'; Command = 'copy running-config startup-config'; Done = '\[OK\]'; Asked = @('destination filename') }
        @{ Name = 'IOS-XE, abbreviated'; Session = 'sXe'; Command = 'copy run start'; Done = '\[OK\]'; Asked = @('destination filename') }
        @{ Name = 'ASA, source and destination asked'; Session = 'sAsa'; Command = 'copy running-config startup-config'; Done = 'bytes copied'; Asked = @('source filename', 'destination filename') }
    ) {
        $session = Get-Variable -Scope Script -Name $Session -ValueOnly
        $clock = [Diagnostics.Stopwatch]::StartNew()
        $r = Invoke-SsmDeviceCommand -Session $session -Command $Command -CommandTimeoutSec 20 -ErrorAction Stop
        $r.Output | Should -Match $Done
        $r.Answered | Should -Be $Asked
        # Unanswered, the question would hold the command for the whole 20 s timeout.
        $clock.Elapsed.TotalSeconds | Should -BeLessThan 15
    }

    It 'enters and leaves configuration mode on IOS-XE' {
        $r = Invoke-SsmDeviceCommand -Session $sXe -Configuration -Command 'call-home', 'contact-email-addr xe@example.com'
        $r | Should -HaveCount 2
        $r[0].Configuration | Should -BeTrue
        $sXe.Prompt | Should -Match '^[^(]+#$'
        (Invoke-SsmDeviceCommand -Session $sXe -Command 'show running-config').Output | Should -Match 'contact-email-addr xe@example.com'
    }

    It 'keeps the configuration header''s change and save times, as a device does (the lab, IOS-XE)' {
        function Stamp([string] $What) {
            $line = (Invoke-SsmDeviceCommand -Session $sXe -Command 'show running-config').Output -split "`n" | Where-Object { $_ -like "! $What at *" }
            $line | Should -HaveCount 1
            [datetime]::ParseExact(($line -replace '^.* at (\S+) UTC \w+ (\w+ \d+ \d+) by .*$', '$2 $1'), 'MMM d yyyy HH:mm:ss', [cultureinfo]::InvariantCulture)
        }
        $changed = Stamp 'Last configuration change'
        $saved = Stamp 'NVRAM config last updated'
        Start-Sleep -Milliseconds 1100
        Stamp 'Last configuration change' | Should -Be $changed -Because 'a show is not a change'
        Invoke-SsmDeviceCommand -Session $sXe -Configuration -Command 'call-home', 'contact-email-addr stamp@example.com' | Out-Null
        Stamp 'Last configuration change' | Should -BeGreaterThan $changed
        Stamp 'NVRAM config last updated' | Should -Be $saved -Because 'nothing was saved'
        Start-Sleep -Milliseconds 1100
        Invoke-SsmDeviceCommand -Session $sXe -Command 'write memory' | Out-Null
        Stamp 'NVRAM config last updated' | Should -BeGreaterThan (Stamp 'Last configuration change')
    }

    It 'commits on IOS-XR and aborts uncommitted changes when a line fails' {
        $r = Invoke-SsmDeviceCommand -Session $sXr -Configuration -Command 'call-home', 'contact-email-addr xr@example.com'
        $r.Command | Should -Contain 'commit'
        (Invoke-SsmDeviceCommand -Session $sXr -Command 'show running-config call-home').Output | Should -Match 'xr@example.com'

        { Invoke-SsmDeviceCommand -Session $sXr -Configuration -Command 'call-home', 'contact-email-addr aborted@example.com', 'bogus line' -ErrorAction Stop } |
            Should -Throw -ErrorId 'CliInvalidInput,SsmOnPrem.Commands.InvokeSsmDeviceCommandCommand'
        $sXr.Prompt | Should -Not -Match 'config'
        (Invoke-SsmDeviceCommand -Session $sXr -Command 'show running-config call-home').Output | Should -Not -Match 'aborted@'
    }

    It 'shows the exact CLI lines with -WhatIf and sends nothing' {
        $before = (Invoke-SsmDeviceCommand -Session $sXe -Command 'show running-config').Output
        $before | Should -Match 'hostname'
        Invoke-SsmDeviceCommand -Session $sXe -Configuration -Command 'hostname whatif-host' -WhatIf
        (Invoke-SsmDeviceCommand -Session $sXe -Command 'show running-config').Output | Should -Be $before
        # -WhatIf text goes to the host: read it from a fresh pwsh. Not even a connection is opened (the port is closed).
        $result = Invoke-FreshPwsh @"
Import-Module '$(Get-ModuleManifestPath)'
`$cred = [pscredential]::new('u', (ConvertTo-SecureString 'p' -AsPlainText -Force))
Invoke-SsmDeviceCommand -ComputerName 127.0.0.1 -Port $(Get-FreeTcpPort) -Credential `$cred -Configuration -Command 'license smart transport cslu', 'license smart register idtoken SecretTok3nValue' -WhatIf
"@
        $result.Text | Should -Match 'Configure: license smart transport cslu ; license smart register idtoken \*{8}'
        $result.Text | Should -Not -Match 'SecretTok3nValue|Refused|refused'
    }
}

Describe 'Syslog interleaved with output' {
    It 'separates the syslog a monitoring terminal receives from command output and keeps it (<Name>)' -ForEach @(
        @{ Name = 'IOS-XE %SYS-5-CONFIG_I'; Index = 0; Facility = 'SYS'; Mnemonic = 'CONFIG_I' }
        @{ Name = 'IOS-XR %MGBL-CONFIG-6-DB_COMMIT'; Index = 4; Facility = 'MGBL-CONFIG'; Mnemonic = 'DB_COMMIT' }
    ) {
        $s = Connect $lab.Devices[$Index]
        $results = @(Invoke-SsmDeviceCommand -Session $s -Command 'terminal monitor')
        $results += Invoke-SsmDeviceCommand -Session $s -Configuration -Command 'call-home', 'contact-email-addr syslog@example.com'
        # The device logs asynchronously: the message lands on whichever command is running or comes next.
        $deadline = [DateTime]::UtcNow.AddSeconds(10)
        while (-not ($results.Syslog | Where-Object Mnemonic -eq $Mnemonic) -and [DateTime]::UtcNow -lt $deadline) {
            $results += Invoke-SsmDeviceCommand -Session $s -Command 'show clock'
        }
        $message = $results.Syslog | Where-Object Mnemonic -eq $Mnemonic | Select-Object -First 1
        $message | Should -Not -BeNullOrEmpty
        $message.Facility | Should -Be $Facility
        ($results.Output -join "`n") | Should -Not -Match '%[A-Z_-]+-\d-'
        $s | Remove-SsmDeviceSession
    }
}

Describe 'Syslog from an asynchronous registration' {
    It 'keeps %SMART_LIC-3-AGENT_REG_FAILED on the command that was running when it arrived, out of its output' {
        $s = Connect $xe16
        $first = Invoke-SsmDeviceCommand -Session $s -Command 'terminal monitor', 'license smart register idtoken AAAABBBBCCCCDDDDEEEE'
        $first[-1].Output | Should -Match 'Registration process is in progress'
        $first[-1].Command | Should -Be 'license smart register idtoken ********'
        $results = @($first)
        $deadline = [DateTime]::UtcNow.AddSeconds(15)
        while (-not ($results.Syslog | Where-Object Mnemonic -eq 'AGENT_REG_FAILED') -and [DateTime]::UtcNow -lt $deadline) {
            Start-Sleep -Milliseconds 200
            $results += Invoke-SsmDeviceCommand -Session $s -Command 'show clock'
        }
        $message = $results.Syslog | Where-Object Mnemonic -eq 'AGENT_REG_FAILED' | Select-Object -First 1
        $message.Facility | Should -Be 'SMART_LIC'
        $message.Severity | Should -Be 3
        $message.Text | Should -Match 'failed'
        ($results.Output -join "`n") | Should -Not -Match 'SMART_LIC'
        $s | Remove-SsmDeviceSession
    }
}

Describe 'Get-SsmLicenseStatus' {
    BeforeAll { $script:statuses = $lab.Devices[0..5] | Get-SsmLicenseStatus -ThrottleLimit 6 -ErrorAction Stop }

    It 'returns one parsed status per device with its identity (<Name>)' -ForEach @(
        @{ Name = 'IOS-XE 16'; Index = 0; Platform = 'IosXe'; Mode = 'SmartLicensing' }
        @{ Name = 'IOS-XE 17'; Index = 1; Platform = 'IosXe'; Mode = 'SmartLicensingUsingPolicy' }
        @{ Name = 'NX-OS 9'; Index = 2; Platform = 'NxOs'; Mode = 'SmartLicensing' }
        @{ Name = 'NX-OS 10'; Index = 3; Platform = 'NxOs'; Mode = 'SmartLicensingUsingPolicy' }
        @{ Name = 'IOS-XR'; Index = 4; Platform = 'IosXr'; Mode = 'SmartLicensing' }
        @{ Name = 'ASA'; Index = 5; Platform = 'Asa'; Mode = 'SmartLicensing' }
    ) {
        $device = $lab.Devices[$Index]
        $status = $statuses | Where-Object Hostname -eq $device.Name
        $status | Should -HaveCount 1
        $status.PSObject.TypeNames[0] | Should -Be 'SsmOnPrem.LicenseStatus'
        "$($status.DevicePlatform)" | Should -Be $Platform
        "$($status.Mode)" | Should -Be $Mode
        $status.Release | Should -Be $device.Release
        $status.SerialNumber | Should -Be $device.SerialNumber
        $status.ComputerName | Should -Be $device.ComputerName
        "$($status.RegistrationStatus)" | Should -Not -Be 'Unknown'
    }

    It 'holds one copy of the texts devices have in common across the run' {
        $xe = @($statuses | Where-Object { "$($_.DevicePlatform)" -eq 'IosXe' })
        $xe | Should -HaveCount 2
        [object]::ReferenceEquals($xe[0].Command, $xe[1].Command) | Should -BeTrue
        $xe[0].SerialNumber | Should -Not -Be $xe[1].SerialNumber
    }

    It 'works with a session and converts cleanly to JSON' {
        $s = Connect $nx10
        $status = $s | Get-SsmLicenseStatus
        $json = $status | ConvertTo-Json -Depth 5 | ConvertFrom-Json
        $json.Hostname | Should -Be $nx10.Name
        $json.Mode | Should -Not -BeNullOrEmpty
        $s.State | Should -Be 'Open'   # a given session is not closed by the cmdlet
    }
}

Describe 'Host key policies' {
    BeforeEach { $script:knownHosts = Join-Path $work ("known_hosts_" + [guid]::NewGuid().ToString('N')) }

    It 'Strict (the default) refuses an unknown key, showing the fingerprint and how to trust it' {
        $err = $null
        $xe17 | Select-Object ComputerName, Port, Credential | New-SsmDeviceSession -KnownHostsPath $knownHosts -ErrorAction SilentlyContinue -ErrorVariable err | Should -BeNullOrEmpty
        $err[0].FullyQualifiedErrorId | Should -Be 'HostKeyUnknown,SsmOnPrem.Commands.NewSsmDeviceSessionCommand'
        "$($err[0].CategoryInfo.Category)" | Should -Be 'SecurityError'
        $err[0].Exception.Message | Should -Match ([regex]::Escape($xe17.HostKeyFingerprint))
        $err[0].ErrorDetails.RecommendedAction | Should -Match 'AcceptNew'
        $err[0].ErrorDetails.RecommendedAction | Should -Match ([regex]::Escape("-HostKeyFingerprint '$($xe17.HostKeyFingerprint)'"))
        Test-Path $knownHosts | Should -BeFalse
    }

    It 'AcceptNew trusts on first use and writes known_hosts; Strict then accepts the same key' {
        $s = $xe17 | Select-Object ComputerName, Port, Credential | New-SsmDeviceSession -KnownHostsPath $knownHosts -HostKeyPolicy AcceptNew -ErrorAction Stop
        $s.State | Should -Be 'Open'
        (Get-Content $knownHosts) | Should -Match ('^\[127\.0\.0\.1\]:' + $xe17.Port + ' ')
        $s | Remove-SsmDeviceSession
        $again = $xe17 | Select-Object ComputerName, Port, Credential | New-SsmDeviceSession -KnownHostsPath $knownHosts -ErrorAction Stop
        $again.HostKeyFingerprint | Should -Be $xe17.HostKeyFingerprint
        $again | Remove-SsmDeviceSession
    }

    It 'reads hashed known_hosts entries written by ssh-keygen -H' {
        $s = $xe17 | Select-Object ComputerName, Port, Credential | New-SsmDeviceSession -KnownHostsPath $knownHosts -HostKeyPolicy AcceptNew -ErrorAction Stop
        $s | Remove-SsmDeviceSession
        & ssh-keygen -H -f $knownHosts 2>&1 | Out-Null
        (Get-Content $knownHosts) | Should -Match '^\|1\|'
        $again = $xe17 | Select-Object ComputerName, Port, Credential | New-SsmDeviceSession -KnownHostsPath $knownHosts -ErrorAction Stop
        $again.State | Should -Be 'Open'
        $again | Remove-SsmDeviceSession
    }

    It 'refuses a changed host key under Strict and AcceptNew, telling the admin what to do' {
        $device = $spareForKeyChange
        $s = $device | Select-Object ComputerName, Port, Credential | New-SsmDeviceSession -KnownHostsPath $knownHosts -HostKeyPolicy AcceptNew -ErrorAction Stop
        $s | Remove-SsmDeviceSession
        Set-SsmLabDevice -Path $lab.Path -Name $device.Name -ChangeHostKey | Out-Null
        foreach ($policy in 'Strict', 'AcceptNew') {
            $err = $null
            $device | Select-Object ComputerName, Port, Credential | New-SsmDeviceSession -KnownHostsPath $knownHosts -HostKeyPolicy $policy -ErrorAction SilentlyContinue -ErrorVariable err | Should -BeNullOrEmpty
            $err[0].FullyQualifiedErrorId | Should -Be 'HostKeyChanged,SsmOnPrem.Commands.NewSsmDeviceSessionCommand'
            $err[0].Exception.Message | Should -Match 'CHANGED'
            $err[0].ErrorDetails.RecommendedAction | Should -Match 'ssh-keygen -R'
        }
        (Get-Content $knownHosts) | Should -HaveCount 1
    }

    It 'Pinned accepts the right fingerprint and refuses any other' {
        $s = $xe17 | Select-Object ComputerName, Port, Credential | New-SsmDeviceSession -HostKeyFingerprint $xe17.HostKeyFingerprint -KnownHostsPath $knownHosts -ErrorAction Stop
        $s.HostKeyPolicy | Should -Be 'Pinned'
        $s | Remove-SsmDeviceSession
        $err = $null
        $xe17 | Select-Object ComputerName, Port, Credential |
            New-SsmDeviceSession -HostKeyFingerprint 'SHA256:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA' -ErrorAction SilentlyContinue -ErrorVariable err | Should -BeNullOrEmpty
        $err[0].FullyQualifiedErrorId | Should -Be 'HostKeyFingerprintMismatch,SsmOnPrem.Commands.NewSsmDeviceSessionCommand'
    }

    It 'None connects only as an explicit opt-in, with a warning' {
        $warnings = $null
        $s = $xe17 | Select-Object ComputerName, Port, Credential | New-SsmDeviceSession -HostKeyPolicy None -KnownHostsPath $knownHosts -WarningVariable warnings -WarningAction SilentlyContinue -ErrorAction Stop
        $s.State | Should -Be 'Open'
        "$warnings" | Should -Match 'verification is OFF'
        Test-Path $knownHosts | Should -BeFalse
        $s | Remove-SsmDeviceSession
    }
}

Describe 'Authentication methods (own sshd)' {
    BeforeAll {
        $script:authDir = New-TestDirectory
        $script:pwSshd = Start-AuthTestSshd -Directory $authDir -Password -PublicKey
        $script:kbdSshd = Start-AuthTestSshd -Directory $authDir -KeyboardInteractive
        # Keys: OpenSSH format with a passphrase, PEM (PKCS#1) with a passphrase, OpenSSH without one.
        & ssh-keygen -q -t ed25519 -N 'key pass 1' -f (Join-Path $authDir 'id_openssh') | Out-Null
        & ssh-keygen -q -t rsa -b 2048 -m PEM -N 'pem-pass-2' -f (Join-Path $authDir 'id_pem') | Out-Null
        & ssh-keygen -q -t ecdsa -N '' -f (Join-Path $authDir 'id_plain') | Out-Null
        Get-Content (Join-Path $authDir 'id_*.pub') | Set-Content (Join-Path $authDir 'authorized_keys')
        $script:user = $xe16.Credential.UserName
        function script:KeyCred([string] $Passphrase) {
            $secure = if ($Passphrase) { ConvertTo-SecureString $Passphrase -AsPlainText -Force } else { [securestring]::new() }
            [pscredential]::new($user, $secure)
        }
    }
    AfterAll {
        foreach ($p in $pwSshd.Process, $kbdSshd.Process) { if ($p) { Stop-Process -Id $p.Id -Force -ErrorAction SilentlyContinue } }
        Remove-Item $authDir -Recurse -Force -ErrorAction SilentlyContinue
    }

    It 'logs in with <Name>' -ForEach @(
        @{ Name = 'password'; Server = 'pwSshd'; Key = $null; Passphrase = $null }
        @{ Name = 'keyboard-interactive'; Server = 'kbdSshd'; Key = $null; Passphrase = $null }
        @{ Name = 'an OpenSSH key with a passphrase'; Server = 'pwSshd'; Key = 'id_openssh'; Passphrase = 'key pass 1' }
        @{ Name = 'a PEM key with a passphrase'; Server = 'pwSshd'; Key = 'id_pem'; Passphrase = 'pem-pass-2' }
        @{ Name = 'a key without a passphrase'; Server = 'pwSshd'; Key = 'id_plain'; Passphrase = '' }
    ) {
        $server = Get-Variable $Server -ValueOnly
        $params = @{ ComputerName = '127.0.0.1'; Port = $server.Port; HostKeyFingerprint = $server.HostKeyFingerprint; ErrorAction = 'Stop' }
        if ($Key) { $params.KeyFilePath = Join-Path $authDir $Key; $params.Credential = KeyCred $Passphrase }
        else { $params.Credential = $xe16.Credential }
        $s = New-SsmDeviceSession @params
        $s.Prompt | Should -Be 'authtest#'
        $s.Identity.SerialNumber | Should -Be 'AUTH0001'
        $s | Remove-SsmDeviceSession
    }

    It 'reports <Id> for <Name>' -ForEach @(
        @{ Name = 'a wrong password'; Id = 'DeviceAuthenticationFailed'; Key = $null; Passphrase = 'wrong-password-1' }
        @{ Name = 'a wrong key passphrase'; Id = 'KeyFileInvalid'; Key = 'id_pem'; Passphrase = 'wrong-pass' }
        @{ Name = 'an encrypted key without passphrase'; Id = 'KeyFilePassphraseRequired'; Key = 'id_openssh'; Passphrase = '' }
        @{ Name = 'a missing key file'; Id = 'KeyFileNotFound'; Key = 'no_such_key'; Passphrase = '' }
    ) {
        $params = @{ ComputerName = '127.0.0.1'; Port = $pwSshd.Port; HostKeyFingerprint = $pwSshd.HostKeyFingerprint; Credential = KeyCred $Passphrase }
        if ($Key) { $params.KeyFilePath = Join-Path $authDir $Key }
        $err = $null
        New-SsmDeviceSession @params -ErrorAction SilentlyContinue -ErrorVariable err | Should -BeNullOrEmpty
        $err[0].FullyQualifiedErrorId | Should -Be "$Id,SsmOnPrem.Commands.NewSsmDeviceSessionCommand"
        if ($Passphrase) { "$err" | Should -Not -Match ([regex]::Escape($Passphrase)) }
    }

    It 'reports DeviceConnectionRefused for a closed port' {
        $err = $null
        New-SsmDeviceSession -ComputerName 127.0.0.1 -Port (Get-FreeTcpPort) -Credential $xe16.Credential -ErrorAction SilentlyContinue -ErrorVariable err | Should -BeNullOrEmpty
        $err[0].FullyQualifiedErrorId | Should -Be 'DeviceConnectionRefused,SsmOnPrem.Commands.NewSsmDeviceSessionCommand'
        "$($err[0].CategoryInfo.Category)" | Should -Be 'ConnectionError'
    }
}

Describe 'Injection, timeouts, cancellation, non-interactive runs and secrets' {
    It 'refuses a line with a newline or control character before connecting or sending anything' {
        $transcript = Join-Path $work 'injection.log'
        foreach ($bad in "show version`nreload", "show version`r", "show `e[2J", 'show ver?') {
            { Invoke-SsmDeviceCommand -ComputerName 127.0.0.1 -Port (Get-FreeTcpPort) -Credential $xe16.Credential -Command $bad -TranscriptPath $transcript -ErrorAction Stop } |
                Should -Throw -ErrorId 'UnsafeCliArgument,SsmOnPrem.Commands.InvokeSsmDeviceCommandCommand'
        }
        Test-Path $transcript | Should -BeFalse -Because 'no connection was even opened'
    }

    It 'abandons a hung command within the timeout and closes the session' {
        $s = Connect $spareForHang
        Set-SsmLabDevice -Path $lab.Path -Name $spareForHang.Name -HangCommand 'show clock' | Out-Null
        $clock = [Diagnostics.Stopwatch]::StartNew()
        { Invoke-SsmDeviceCommand -Session $s -Command 'show clock' -TimeoutSec 2 -ErrorAction Stop } |
            Should -Throw -ErrorId 'DeviceCommandTimeout,SsmOnPrem.Commands.InvokeSsmDeviceCommandCommand'
        $clock.Stop()
        Write-Host "    hung command abandoned after $([int]$clock.Elapsed.TotalMilliseconds) ms (timeout 2 s + prompt recovery attempt)"
        "$($s.State)" | Should -Be 'Broken'
        { Invoke-SsmDeviceCommand -Session $s -Command 'show version' -ErrorAction Stop } |
            Should -Throw -ErrorId 'DeviceSessionClosed,SsmOnPrem.Commands.InvokeSsmDeviceCommandCommand'
        Set-SsmLabDevice -Path $lab.Path -Name $spareForHang.Name -HangCommand '' | Out-Null
    }

    It 'stops promptly when the pipeline is stopped (Ctrl+C) and closes the session' {
        Set-SsmLabDevice -Path $lab.Path -Name $spareForCancel.Name -HangCommand 'show clock' | Out-Null
        $ps = [powershell]::Create()
        $state = [hashtable]::Synchronized(@{})
        try {
            $null = $ps.AddScript({
                param($Manifest, $Device, $State)
                Import-Module $Manifest
                $s = $Device | New-SsmDeviceSession -ErrorAction Stop
                $State.Session = $s
                Invoke-SsmDeviceCommand -Session $s -Command 'show clock' -TimeoutSec 120
            }).AddArgument((Get-ModuleManifestPath)).AddArgument($spareForCancel).AddArgument($state)
            $async = $ps.BeginInvoke()
            $deadline = [DateTime]::UtcNow.AddSeconds(20)
            while (-not $state.Session -and [DateTime]::UtcNow -lt $deadline) { Start-Sleep -Milliseconds 100 }
            $state.Session | Should -Not -BeNullOrEmpty
            Start-Sleep -Milliseconds 300
            $clock = [Diagnostics.Stopwatch]::StartNew()
            $stop = $ps.BeginStop($null, $null)
            $stop.AsyncWaitHandle.WaitOne([TimeSpan]::FromSeconds(30)) | Should -BeTrue -Because 'Ctrl+C must not wait for the 120 s command timeout'
            Write-Host "    stopped after $([int]$clock.Elapsed.TotalMilliseconds) ms"
            "$($ps.InvocationStateInfo.State)" | Should -Be 'Stopped'
            "$($state.Session.State)" | Should -Be 'Broken'
        }
        finally {
            $ps.Dispose()
            Set-SsmLabDevice -Path $lab.Path -Name $spareForCancel.Name -HangCommand '' | Out-Null
        }
    }

    It 'never prompts in pwsh -NonInteractive: unknown host key and missing credential are errors' {
        $d = $xe17
        $kh = Join-Path $work 'nonint_known_hosts'
        $result = Invoke-FreshPwsh @"
Import-Module '$(Get-ModuleManifestPath)'
`$cred = [pscredential]::new('$($d.Credential.UserName)', (ConvertTo-SecureString '$password' -AsPlainText -Force))
try { New-SsmDeviceSession -ComputerName 127.0.0.1 -Port $($d.Port) -Credential `$cred -KnownHostsPath '$kh' -ErrorAction Stop } catch { 'ERR1:' + `$_.FullyQualifiedErrorId }
try { New-SsmDeviceSession -ComputerName 127.0.0.1 -Port $($d.Port) -ErrorAction Stop } catch { 'ERR2:' + `$_.FullyQualifiedErrorId }
'done'
"@
        $result.Output | Should -Contain 'ERR1:HostKeyUnknown,SsmOnPrem.Commands.NewSsmDeviceSessionCommand'
        ($result.Output | Where-Object { $_ -like 'ERR2:*' }) | Should -Match 'ParameterArgumentValidationError|MissingMandatoryParameter|ParameterBindingException'
        $result.Output | Should -Contain 'done'
    }

    It 'masks the password, the enable secret and ID tokens in the transcript, verbose stream, results and errors' {
        $transcript = Join-Path $work 'secrets.log'
        $token = 'U2VjcmV0VG9rZW5Gb3JNYXNraW5nVGVzdDEyMzQ1Njc4OTA='
        $all = & {
            $s = $xe16 | New-SsmDeviceSession -TranscriptPath $transcript -Verbose -ErrorAction Stop
            Invoke-SsmDeviceCommand -Session $s -Command "license smart register idtoken $token", 'show version' -Verbose -ErrorAction Continue
            $s | Remove-SsmDeviceSession -Verbose
        } *>&1 | ForEach-Object { $_ | Out-String; if ($_ -is [System.Management.Automation.ErrorRecord]) { $_.Exception.DeviceOutput; $_.Exception.Command } }
        $streams = $all -join "`n"
        $streams | Should -Match 'Verbose|Connecting|>'
        $text = Get-Content $transcript -Raw
        $text | Should -Match 'idtoken \*{8}'
        $text | Should -Match '>> \*{8}'   # the enable secret was sent, masked
        foreach ($secretValue in $password, $secret, $token) {
            $text | Should -Not -Match ([regex]::Escape($secretValue))
            $streams | Should -Not -Match ([regex]::Escape($secretValue))
        }
    }
}

Describe 'Pipeline binding' {
    It 'takes devices from a CSV inventory by property name with one -Credential' {
        $csv = Join-Path $work 'devices.csv'
        $lab.Devices[0..2] | Select-Object ComputerName, Port, HostKeyFingerprint | Export-Csv $csv -NoTypeInformation
        $results = Import-Csv $csv | Invoke-SsmDeviceCommand -Command 'show version' -Credential $xe16.Credential -ThrottleLimit 3
        $results | Should -HaveCount 3
        ($results.Hostname | Sort-Object) | Should -Be ($lab.Devices[0..2].Name | Sort-Object)
    }

    It 'takes sessions from the pipeline' {
        $s = Connect $nx9
        ($s | Invoke-SsmDeviceCommand -Command 'show clock').Hostname | Should -Be $nx9.Name
    }
}

# A fleet run formats and hands over its verbose messages only when someone reads them (FleetRunner.VerboseWanted);
# what PowerShell itself would show must still all arrive.
Describe 'Verbose output of a fleet run' {
    BeforeAll {
        function script:Sent([scriptblock] $Run) {
            # 'show version' is sent once to detect the platform and once as the command.
            @(& $Run 4>&1 | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] -and "$_" -match ': > show version$' }).Count
        }
    }

    It 'reaches the verbose stream with -Verbose' {
        Sent { $xe17 | Invoke-SsmDeviceCommand -Command 'show version' -TimeoutSec 20 -Verbose } | Should -BeGreaterThan 0
    }

    It 'reaches it with $VerbosePreference = ''Continue'' and no -Verbose (set as text, in a child scope)' {
        & { $VerbosePreference = 'Continue'; Sent { $xe17 | Invoke-SsmDeviceCommand -Command 'show version' -TimeoutSec 20 } } | Should -BeGreaterThan 0
    }

    It 'reaches it for a session opened by an earlier command, and that command''s stream no more' {
        $s = $xe17 | New-SsmDeviceSession -TimeoutSec 20 -Verbose 4>$null
        try {
            Sent { Invoke-SsmDeviceCommand -Session $s -Command 'show version' -Verbose } | Should -Be 1
            Sent { Invoke-SsmDeviceCommand -Session $s -Command 'show version' } | Should -Be 0
            Sent { $s | Invoke-SsmDeviceCommand -Command 'show version' -Verbose } | Should -Be 1
        }
        finally { $s | Remove-SsmDeviceSession }
    }

    It 'is not written with -Verbose:$false, nor by default' {
        & { $VerbosePreference = 'Continue'; Sent { $xe17 | Invoke-SsmDeviceCommand -Command 'show version' -TimeoutSec 20 -Verbose:$false } } | Should -Be 0
        Sent { $xe17 | Invoke-SsmDeviceCommand -Command 'show version' -TimeoutSec 20 } | Should -Be 0
    }
}
