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
