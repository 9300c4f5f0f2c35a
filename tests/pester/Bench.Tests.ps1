# The fleet benchmark's lab (tests/bench/Bench.psm1): every contestant meets the same registration delay.
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-Module (Join-Path (Get-RepoRoot) 'out/SsmOnPrem.Lab/SsmOnPrem.Lab.psd1') -Force
    Import-Module (Join-Path (Get-RepoRoot) 'tests/bench/Bench.psm1') -Force
    Import-Module (Get-ModuleManifestPath) -Force
}

Describe 'Start-BenchLab -RegistrationDelayMs (Invoke-Benchmark.ps1 -RegistrationDelayMs)' {
    BeforeAll {
        $script:labObject = Start-BenchLab -DeviceCount 2 -RegistrationDelayMs 3000
        $script:lab = Read-LabJson $labObject.Path
        $lab | Add-Member StateDirectory $labObject.Path -Force
    }
    AfterAll { if ($script:labObject) { $script:labObject | Stop-SsmLab } }

    It 'starts IOS-XE 16 devices with that delay' {
        $lab.RegistrationDelayMs | Should -Be 3000
        @($lab.Devices).Count | Should -Be 2
        $lab.Devices | ForEach-Object { $_.Platform | Should -Be 'IOS-XE' }
    }

    It 'keeps the delay across Reset-SsmLab: a device is still pending when first polled, and registers later' {
        Reset-SsmLab -Path $lab.StateDirectory -Confirm:$false
        $device = $lab.Devices[0]
        $token = New-BenchToken $lab
        $script = Get-RegistrationScript -Lab $lab -Token $token
        $records = [pscustomobject]@{
            ComputerName       = $device.ComputerName
            Port               = [int]$device.Port
            Credential         = [pscredential]::new($device.Username, (ConvertTo-SecureString $device.Password -AsPlainText -Force))
            EnableCredential   = [pscredential]::new('enable', (ConvertTo-SecureString $device.EnableSecret -AsPlainText -Force))
            HostKeyFingerprint = $device.HostKeyFingerprint
        } | Register-SsmDevice -Token $token -Url $script.url -Verbose -WarningAction SilentlyContinue 4>&1
        $result = $records | Where-Object { $_ -isnot [System.Management.Automation.VerboseRecord] }
        "$($result.Status)" | Should -Be 'Registered'
        # The lines the session sent ("host:port: > line" verbose records), from the registration on.
        $sent = @($records | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] -and $_.Message -match '^\S+: > (.*)$' } | ForEach-Object { $Matches[1] })
        $register = [array]::FindIndex([string[]]$sent, [Predicate[string]] { param($l) $l -like 'license smart register*' })
        $register | Should -BeGreaterThan 0
        # With no delay the first poll already sees REGISTERED; with 3 s the poller has to ask again (and the verify step asks once more).
        @($sent[$register..($sent.Count - 1)] | Where-Object { $_ -eq 'show license status' }).Count | Should -BeGreaterThan 2
        Get-RegisteredCount $lab @($device) | Should -Be 1
    }
}

Describe 'The bench report: memory per concurrent session (Get-SessionMemory)' {
    It 'takes the highest peak at each concurrency and fits MB per session through them' {
        $summary = @(
            [pscustomobject]@{ Contestant = 'SsmOnPrem'; Devices = 100; Concurrency = 1; PeakPssMB = 100.0 }
            [pscustomobject]@{ Contestant = 'SsmOnPrem'; Devices = 1000; Concurrency = 64; PeakPssMB = 131.5 }
            [pscustomobject]@{ Contestant = 'SsmOnPrem'; Devices = 100; Concurrency = 64; PeakPssMB = 120.0 }   # lower: not the peak at c64
            [pscustomobject]@{ Contestant = 'floor'; Devices = 100; Concurrency = 1; PeakPssMB = 40.0 })           # one point: no slope
        $m = @(Get-SessionMemory -Summary $summary -Contestants 'floor', 'SsmOnPrem')
        $m.Count | Should -Be 1
        $m[0].Contestant | Should -Be 'SsmOnPrem'
        $m[0].MBPerSession | Should -Be 0.5
        $m[0].BaseMB | Should -Be 99.5
        (ConvertTo-SessionMemoryMarkdown -Memory $m)[2] | Should -Be '| SsmOnPrem | 100 | 132 | 0.50 | 100 |'
    }
}

Describe 'The bench report: targets (Get-BenchTarget.ps1)' {
    It 'gives the start-up ratio and the same in seconds over the floor' {
        $summary = @(
            [pscustomobject]@{ Contestant = 'SsmOnPrem'; Devices = 100; Concurrency = 16; DevicesPerSec = 20.0; PeakPssMB = 95; CpuSeconds = 3; Lost = 0; Runs = 3 }
            [pscustomobject]@{ Contestant = 'floor'; Devices = 100; Concurrency = 16; DevicesPerSec = 25.0; PeakPssMB = 52; CpuSeconds = 2; Lost = 0; Runs = 3 })
        $lines = & (Join-Path (Get-RepoRoot) 'tests/bench/Get-BenchTarget.ps1') -Summary $summary -Headline 64
        $lines | Should -Contain '- Start-up (100 devices, concurrency 16, process start included) ≥ 85 % of the floor: 80 % (20.00 vs 25.00 devices/s; 5.00 s against 4.00 s, 1.00 s more) — **missed**'
    }
}

Describe 'The bench report: key exchanges (Get-KeyExchangeSummary)' {
    It 'names what each contestant reports, once per algorithm, and skips those that do not say' {
        $runs = @(
            [pscustomobject]@{ Contestant = 'floor'; Kex = 'ecdh-sha2-nistp256' }
            [pscustomobject]@{ Contestant = 'floor'; Kex = 'ecdh-sha2-nistp256,curve25519-sha256' }
            [pscustomobject]@{ Contestant = 'SsmOnPrem'; Kex = 'ecdh-sha2-nistp256' }
            [pscustomobject]@{ Contestant = 'Netmiko'; Kex = 'NoneType' }
            [pscustomobject]@{ Contestant = 'Ansible'; Kex = '' }
            [pscustomobject]@{ Contestant = 'old'; Devices = 10 })
        $summary = Get-KeyExchangeSummary $runs
        $summary | Should -Be @('floor ecdh-sha2-nistp256/curve25519-sha256', 'SsmOnPrem ecdh-sha2-nistp256')
    }
}

Describe 'The registration script every contestant sends (Get-ScriptLine)' {
    It 'saves after the configuration and checks the device port, each with the answer its question needs' {
        $lab = [pscustomobject]@{ OnPremServer = 'https://127.0.0.1:8443' }
        $script = Get-RegistrationScript -Lab $lab -Token 'secret-token'
        $lines = @(Get-ScriptLine -Script $script -MaskToken)
        $lines.IndexOf('copy running-config startup-config') | Should -Be ($lines.IndexOf('end') + 1)
        $lines | Should -Contain 'telnet 127.0.0.1 8443'
        $lines | Should -Contain 'license smart register idtoken ********'
        $lines -join "`n" | Should -Not -Match 'secret-token'
        foreach ($a in $script.answers) {
            $script.save + $script.register | Should -Contain $a.line
        }
        'Destination filename [startup-config]? ' | Should -Match ($script.answers | Where-Object line -Like 'copy*').expect
        'Trying 127.0.0.1, 8443 ... Open' | Should -Match ($script.answers | Where-Object line -Like 'telnet*').expect
    }
}
