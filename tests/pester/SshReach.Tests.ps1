# SSH reach against real sshd: the lab's per-release algorithm sets, Legacy devices (group14-sha1, ssh-rsa, CBC)
# registering with the defaults and refused by -SshAlgorithmPolicy Modern, and a 50-device fleet registering through
# the lab's bastion over one SSH connection (the bastion's own sshd log counts logins and forwarded channels).
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-Module (Join-Path (Get-RepoRoot) 'out/SsmOnPrem.Lab/SsmOnPrem.Lab.psd1') -Force
    Import-Module (Get-ModuleManifestPath) -Force
    $script:lab = Start-SsmLab -DeviceCount 56 -Platform mix -SshProfile Legacy -JumpHost -RegistrationDelayMs 150
    $u = [uri]$lab.OnPremServer
    Connect-SsmOnPrem -Server $u.Host -Port $u.Port -DevicePort $u.Port -Credential $lab.ApiCredential `
        -CertificateThumbprint $lab.CertificateThumbprint -Account $lab.Account -VirtualAccount $lab.VirtualAccount
    # The last six devices without the bastion properties: reached directly.
    $script:direct = @($lab.Devices[50..55] | Select-Object * -ExcludeProperty JumpHost, JumpCredential, JumpHostKeyFingerprint)
}

AfterAll {
    Disconnect-SsmOnPrem -ErrorAction SilentlyContinue
    if ($script:lab) { $script:lab | Stop-SsmLab }
}

Describe 'Legacy devices (diffie-hellman-group14-sha1, ssh-rsa, CBC only)' {
    It 'are refused by -SshAlgorithmPolicy Modern with SshAlgorithmsRefused listing what they offered' {
        $results = $direct[0..2] | Register-SsmDevice -NewToken -SshAlgorithmPolicy Modern -ErrorVariable refused -ErrorAction SilentlyContinue -WarningAction SilentlyContinue
        $results | Should -HaveCount 3
        $results | ForEach-Object {
            $_.Status | Should -Be 'Failed'
            $_.FailureStage | Should -Be 'Connect'
            $_.ErrorId | Should -Be 'SshAlgorithmsRefused'
            $_.KeyExchange | Should -BeNullOrEmpty
        }
        $refused | Should -HaveCount 3
        $refused | ForEach-Object {
            $_.FullyQualifiedErrorId | Should -BeLike 'SshAlgorithmsRefused,*'
            $_.Exception.Message | Should -Match 'The device offered: diffie-hellman-group14-sha1\.'
            $_.Exception.Message | Should -Match 'Modern refuses SHA-1 and CBC'
        }
    }

    It 'register with the defaults; every result shows the legacy algorithms, and every device is warned of once or named in the summary' {
        $results = $direct | Register-SsmDevice -NewToken -WarningVariable warned -WarningAction SilentlyContinue
        $results | Should -HaveCount 6
        $results | ForEach-Object {
            $_.Status | Should -BeIn 'Registered', 'Reported'
            $_.KeyExchange | Should -Be 'diffie-hellman-group14-sha1'
            $_.HostKeyAlgorithm | Should -Be 'ssh-rsa'
            $_.Cipher | Should -Match '^aes(128|192|256)-cbc$'
            $_.Mac | Should -Be 'hmac-sha1'
            $_.JumpHost | Should -BeNullOrEmpty
        }
        # Six devices with the same weak set: three warnings as they come, then one line for the other three (a fleet of
        # 10,000 old devices must not print 10,000 warnings).
        $summary = @($warned | Where-Object { "$_" -like 'The same warning for 3 more devices (*' })
        $summary | Should -HaveCount 1
        "$($summary[0])" | Should -Match '\): <device> negotiated weak SSH algorithms: SHA-1 \(key exchange diffie-hellman-group14-sha1\)'
        foreach ($d in $direct) {
            $mine = @($warned | Where-Object { "$_" -like "*:$($d.Port) negotiated weak SSH algorithms*" })
            $named = "$($summary[0])" -match "[(, ]$([regex]::Escape("$($d.ComputerName):$($d.Port)"))[,)]"
            ($mine.Count + [int]$named) | Should -Be 1 -Because "$($d.Name) used SHA-1 and CBC: warned of once, or named once in the summary"
            if ($mine) {
                "$($mine[0])" | Should -Match 'SHA-1 \(key exchange diffie-hellman-group14-sha1\)'
                "$($mine[0])" | Should -Match 'CBC \(cipher aes\d+-cbc\)'
            }
        }
        @($warned | Where-Object { "$_" -like '*negotiated weak SSH algorithms*' -and "$_" -notlike 'The same warning*' }) | Should -HaveCount 3
    }

    It 'a session shows the negotiated set, and -Verbose prints it' {
        $out = $direct[0] | New-SsmDeviceSession -Verbose -WarningAction SilentlyContinue 4>&1
        $s = $out | Where-Object { $_ -isnot [Management.Automation.VerboseRecord] }
        try {
            $s.KeyExchange | Should -Be 'diffie-hellman-group14-sha1'
            $s.HostKeyAlgorithm | Should -Be 'ssh-rsa'
            $s.SshAlgorithmPolicy | Should -Be 'Compatible'
            @($out | Where-Object { $_ -is [Management.Automation.VerboseRecord] -and "$_" -match 'kex diffie-hellman-group14-sha1, host key ssh-rsa, cipher aes\d+-cbc, MAC hmac-sha1' }) | Should -HaveCount 1
        }
        finally { $s | Remove-SsmDeviceSession }
    }
}

Describe 'A fleet of 50 through the jump host' {
    BeforeAll {
        $script:before = Get-SsmLab -Path $lab.Path
        $clock = [Diagnostics.Stopwatch]::StartNew()
        $script:results = $lab.Devices[0..49] | Register-SsmDevice -NewToken -ThrottleLimit 16 -ErrorVariable fleetErrors -ErrorAction SilentlyContinue -WarningAction SilentlyContinue
        Write-Host "    50 legacy devices through the bastion at ThrottleLimit 16: $([math]::Round($clock.Elapsed.TotalSeconds, 1)) s"
        $script:fleetErrors = $fleetErrors
        $script:after = Get-SsmLab -Path $lab.Path
    }

    It 'registers every device' {
        $fleetErrors | Should -BeNullOrEmpty
        $results | Should -HaveCount 50
        @($results | Where-Object Status -In 'Registered', 'Reported') | Should -HaveCount 50
        $results | ForEach-Object { $_.JumpHost | Should -Be "127.0.0.1:$($lab.JumpHost.Port)"; $_.KeyExchange | Should -Be 'diffie-hellman-group14-sha1' }
    }

    It 'used one bastion connection that carried all 50 device sessions' {
        ($after.JumpConnections - $before.JumpConnections) | Should -Be 1
        ($after.JumpForwardedSessions - $before.JumpForwardedSessions) | Should -Be 50
    }

    It 'opens 50 sessions at once through the one bastion connection (-ThrottleLimit 50)' {
        # SSH.NET pumps each forwarded channel on a thread-pool thread; without the reserve the pool starved and devices timed out.
        $sessions = @($lab.Devices[0..49] | New-SsmDeviceSession -ThrottleLimit 50 -ErrorVariable e -ErrorAction SilentlyContinue -WarningAction SilentlyContinue)
        try {
            $e | Should -BeNullOrEmpty
            $sessions | Should -HaveCount 50
            @($sessions | Where-Object JumpHost -EQ "127.0.0.1:$($lab.JumpHost.Port)") | Should -HaveCount 50
        }
        finally { $sessions | Remove-SsmDeviceSession }
    }

    It 'takes the bastion from CSV columns (JumpHost, JumpCredentialName, JumpHostKeyFingerprint) with -CredentialMap' {
        $rows = $lab.Devices[0..1] | ForEach-Object {
            [pscustomobject]@{ ComputerName = $_.ComputerName; Port = $_.Port; HostKeyFingerprint = $_.HostKeyFingerprint; CredentialName = 'device'
                JumpHost = $_.JumpHost; JumpCredentialName = 'bastion'; JumpHostKeyFingerprint = $_.JumpHostKeyFingerprint
                EnableSecret = $_.EnableCredential.GetNetworkCredential().Password }
        } | ConvertTo-Csv | ConvertFrom-Csv
        $map = @{ device = $lab.Devices[0].Credential; bastion = $lab.JumpHost.Credential }
        $before = Get-SsmLab -Path $lab.Path
        $r = $rows | Select-Object *, @{ n = 'EnableCredential'; e = { [pscredential]::new('enable', (ConvertTo-SecureString $_.EnableSecret -AsPlainText -Force)) } } |
            Test-SsmRegistration -CredentialMap $map -ErrorVariable e -ErrorAction SilentlyContinue -WarningAction SilentlyContinue
        $e | Should -BeNullOrEmpty
        $r | Should -HaveCount 2
        $after = Get-SsmLab -Path $lab.Path
        ($after.JumpConnections - $before.JumpConnections) | Should -Be 1
        ($after.JumpForwardedSessions - $before.JumpForwardedSessions) | Should -Be 2
    }

    It 'reports a bastion that refuses the login on every device behind it, trying the login once' {
        $wrong = [pscredential]::new($lab.JumpHost.Credential.UserName, (ConvertTo-SecureString 'not-the-bastion-password' -AsPlainText -Force))
        $before = Get-SsmLab -Path $lab.Path
        $log = Join-Path $lab.Path 'sshd/bastion.log'
        $connectionsBefore = @(Select-String -Path $log -Pattern 'Connection from ' -SimpleMatch).Count
        $r = $lab.Devices[0..2] | Test-SsmDeviceConnectivity -JumpCredential $wrong -ErrorVariable e -ErrorAction SilentlyContinue -WarningAction SilentlyContinue
        @($e | Where-Object FullyQualifiedErrorId -Like 'JumpHostAuthFailed,*') | Should -HaveCount 3
        $e[0].Exception.Message | Should -Match 'jump host 127\.0\.0\.1:\d+ refused the login'
        $e | ForEach-Object { "$_" | Should -Not -Match 'not-the-bastion-password' }
        $after = Get-SsmLab -Path $lab.Path
        ($after.JumpForwardedSessions - $before.JumpForwardedSessions) | Should -Be 0
        (@(Select-String -Path $log -Pattern 'Connection from ' -SimpleMatch).Count - $connectionsBefore) | Should -Be 1 -Because 'the failure is kept for the run: three devices, one login attempt'
    }

    It 'keeps -KeepAliveSec on the session, and a kept-alive session through the bastion still answers after idling' {
        $s = $lab.Devices[0] | New-SsmDeviceSession -KeepAliveSec 1 -WarningAction SilentlyContinue
        try {
            $s.KeepAliveInterval | Should -Be ([timespan]::FromSeconds(1))
            Start-Sleep -Seconds 3
            (Invoke-SsmDeviceCommand -Session $s -Command 'show clock').Output | Should -Not -BeNullOrEmpty
        }
        finally { $s | Remove-SsmDeviceSession }
        ($lab.Devices[0] | New-SsmDeviceSession -WarningAction SilentlyContinue | ForEach-Object { $_.KeepAliveInterval; $_ | Remove-SsmDeviceSession }) | Should -Be ([timespan]::Zero)
    }

    It 'reports an unreachable bastion as JumpHostUnreachable per device' {
        $listener = [Net.Sockets.TcpListener]::new([Net.IPAddress]::Loopback, 0); $listener.Start(); $port = $listener.LocalEndpoint.Port; $listener.Stop()
        $null = $lab.Devices[0..1] | New-SsmDeviceSession -JumpHost "127.0.0.1:$port" -TimeoutSec 5 -ErrorVariable e -ErrorAction SilentlyContinue
        @($e | Where-Object FullyQualifiedErrorId -Like 'JumpHostUnreachable,*') | Should -HaveCount 2
    }

    It 'checks the bastion''s own host key' {
        $null = $lab.Devices[0] | New-SsmDeviceSession -JumpHostKeyFingerprint 'SHA256:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA' -ErrorVariable e -ErrorAction SilentlyContinue
        $e[0].FullyQualifiedErrorId | Should -BeLike 'HostKeyFingerprintMismatch,*'
        $e[0].Exception.Message | Should -Match '^Jump host: '
    }
}

Describe 'Release profile: each release''s own algorithm set' {
    BeforeAll {
        $script:release = Start-SsmLab -DeviceCount 6 -Platform mix
        $script:byPlatform = @{}
        foreach ($d in $release.Devices) { $byPlatform[$d.SshAlgorithms] = $d }
    }
    AfterAll { if ($script:release) { $script:release | Stop-SsmLab } }

    It '<Set> signs with <HostKey> (weak: <Weak>)' -ForEach @(
        @{ Set = 'IOS-XE-16'; HostKey = 'ssh-rsa'; Weak = $true }
        @{ Set = 'ASA'; HostKey = 'ssh-rsa'; Weak = $true }
        @{ Set = 'IOS-XE-17'; HostKey = 'rsa-sha2-512'; Weak = $false }
        @{ Set = 'NX-OS-10'; HostKey = 'rsa-sha2-512'; Weak = $false }
        @{ Set = 'IOS-XR'; HostKey = 'ecdsa-sha2-nistp256'; Weak = $false }
    ) {
        $s = $byPlatform[$Set] | New-SsmDeviceSession -WarningVariable w -WarningAction SilentlyContinue
        try {
            $s.HostKeyAlgorithm | Should -Be $HostKey
            if ($Weak) { @($w) | Should -HaveCount 1 } else { @($w) | Should -HaveCount 0; $s.KeyExchange | Should -Not -Match 'sha1$' }
        }
        finally { $s | Remove-SsmDeviceSession }
    }

    It 'Modern reaches the modern releases and refuses IOS-XE 16 by its ssh-rsa-only host key' {
        $ok = $byPlatform['NX-OS-10'], $byPlatform['IOS-XR'], $byPlatform['IOS-XE-17'] | New-SsmDeviceSession -SshAlgorithmPolicy Modern
        try { $ok | Should -HaveCount 3 } finally { $ok | Remove-SsmDeviceSession }
        $null = $byPlatform['IOS-XE-16'] | New-SsmDeviceSession -SshAlgorithmPolicy Modern -ErrorVariable e -ErrorAction SilentlyContinue
        $e[0].FullyQualifiedErrorId | Should -BeLike 'SshAlgorithmsRefused,*'
        $e[0].Exception.Message | Should -Match 'no host key algorithm .* The device offered: ssh-rsa\.'
    }
}
