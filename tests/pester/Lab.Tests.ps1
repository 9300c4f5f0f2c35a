# Start-SsmLab / Stop-SsmLab / Set-SsmLabDevice through the published lab module (out/SsmOnPrem.Lab), as a user runs them.
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    $script:LabManifest = Join-Path (Get-RepoRoot) 'out/SsmOnPrem.Lab/SsmOnPrem.Lab.psd1'
    Import-Module $script:LabManifest -Force

    function Test-SshBanner([int] $Port) {
        $client = [System.Net.Sockets.TcpClient]::new()
        try {
            $client.Connect('127.0.0.1', $Port)
            $buffer = [byte[]]::new(7)
            $client.GetStream().ReadTimeout = 5000
            $read = $client.GetStream().Read($buffer, 0, 7)
            [Text.Encoding]::ASCII.GetString($buffer, 0, $read) -eq 'SSH-2.0'
        }
        catch { $false }
        finally { $client.Dispose() }
    }
}

Describe 'Start-SsmLab and Stop-SsmLab' {
    BeforeAll {
        $script:lab = Start-SsmLab -DeviceCount 3 -Platform 'IOS-XE-16', 'NX-OS-10' -RegistrationDelayMs 0
        $script:pids = @($lab.ProcessId) + $lab.SshdProcessId
    }
    AfterAll {
        if ($script:lab -and (Test-Path (Join-Path $lab.Path 'lab.json'))) { Stop-SsmLab -Path $lab.Path }
    }

    It 'returns the On-Prem server, its certificate and an API credential' {
        $lab.OnPremServer | Should -Match '^https://127\.0\.0\.1:\d+$'
        $lab.CertificateThumbprint | Should -Match '^[0-9A-F]{40,64}$'
        $lab.Account | Should -Not -BeNullOrEmpty
        $lab.VirtualAccount | Should -Not -BeNullOrEmpty
        $lab.ApiCredential | Should -BeOfType [pscredential]
        $lab.ApiCredential.GetNetworkCredential().Password | Should -Not -BeNullOrEmpty
    }

    It 'returns devices that a pipeline can bind by property name' {
        $lab.Devices.Count | Should -Be 3
        $lab.Devices.Platform | Should -Be @('IOS-XE', 'NX-OS', 'IOS-XE')
        $lab.Devices[1].Release | Should -Be '10.3(4a)'
        foreach ($device in $lab.Devices) {
            $device.ComputerName | Should -Be '127.0.0.1'
            $device.Credential | Should -BeOfType [pscredential]
            $device.EnableCredential | Should -BeOfType [pscredential]
            $device.HostKeyFingerprint | Should -Match '^SHA256:[A-Za-z0-9+/]{43}$'
            Test-SshBanner $device.Port | Should -BeTrue
        }
        ($lab.Devices.Port | Sort-Object -Unique).Count | Should -Be 3
    }

    It 'writes the same description as JSON into its state folder' {
        $json = Get-Content (Join-Path $lab.Path 'lab.json') -Raw | ConvertFrom-Json
        $json.OnPremServer | Should -Be $lab.OnPremServer
        $json.Devices.Name | Should -Be $lab.Devices.Name
        $json.Devices.HostKeyFingerprint | Should -Be $lab.Devices.HostKeyFingerprint
    }

    It 'refuses a second lab in the same state folder' {
        { Start-SsmLab -DeviceCount 1 -Path $lab.Path } | Should -Throw '*already uses*'
    }

    It 'changes a device host key on request and reports the new fingerprint' {
        $before = $lab.Devices[0].HostKeyFingerprint
        $after = Set-SsmLabDevice -Path $lab.Path -Name $lab.Devices[0].Name -ChangeHostKey
        $after.HostKeyFingerprint | Should -Not -Be $before
        $after.HostKeyFingerprint | Should -Match '^SHA256:'
        (Get-SsmLab -Path $lab.Path).Devices[0].HostKeyFingerprint | Should -Be $after.HostKeyFingerprint
        Test-SshBanner $after.Port | Should -BeTrue
    }

    It 'stops exactly the processes it started and leaves none behind' {
        $all = Get-SsmLab -Path $lab.Path
        $started = @($all.ProcessId) + $all.SshdProcessId
        $started.Count | Should -BeGreaterThan 2   # the lab, its sshd, the host-key device's own sshd
        foreach ($id in $started) { Test-Path "/proc/$id" | Should -BeTrue }
        Stop-SsmLab -Path $lab.Path
        foreach ($id in $started) { Test-Path "/proc/$id" | Should -BeFalse }
        Test-Path $lab.Path | Should -BeFalse
        foreach ($device in $lab.Devices) { Test-SshBanner $device.Port | Should -BeFalse }
    }
}
