# Hardening matrix, device faults: one fleet run of Register-SsmDevice over devices that each fail in their own way
# (lab knobs, a silent TCP peer, an sshd that never shows a prompt), then one row per fault. Every device must end with
# a truthful result (Status, FailureStage, ErrorId, reason) and one non-terminating error; the run must not hang.
# Tags: Fault = one injected fault per row (the README counts them).
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-Module (Join-Path $PSScriptRoot 'DeviceTestHelpers.psm1') -Force
    Import-Module (Join-Path $PSScriptRoot 'HardeningHelpers.psm1') -Force
    Import-Module (Join-Path (Get-RepoRoot) 'out/SsmOnPrem.Lab/SsmOnPrem.Lab.psd1') -Force
    Import-Module (Get-ModuleManifestPath) -Force
    $script:lab = Start-SsmLab -DeviceCount 12 -Platform 'IOS-XE-16' -RegistrationDelayMs 150
    $script:work = Join-Path ([IO.Path]::GetTempPath()) ('ssm-hard-dev-' + [guid]::NewGuid().ToString('N').Substring(0, 10))
    New-Item -ItemType Directory $work | Out-Null
    $u = [uri]$lab.OnPremServer
    Connect-SsmOnPrem -Server $u.Host -Port $u.Port -DevicePort $u.Port -Credential $lab.ApiCredential `
        -CertificateThumbprint $lab.CertificateThumbprint -Account $lab.Account -VirtualAccount $lab.VirtualAccount
    $script:tokenText = (New-SsmToken -Description 'hardening device matrix' -MaxUses 100 -AsPlainText).Token
    $script:d = $lab.Devices
    $script:cred = $d[0].Credential
    $script:enable = $d[0].EnableCredential

    function script:LabInput($Device, [hashtable] $Extra = @{}) {
        $o = [ordered]@{ ComputerName = $Device.ComputerName; Port = $Device.Port; Credential = $Device.Credential
            EnableCredential = $Device.EnableCredential; HostKeyFingerprint = $Device.HostKeyFingerprint }
        foreach ($k in $Extra.Keys) { $o[$k] = $Extra[$k] }
        [pscustomobject]$o
    }

    # --- the faults ---------------------------------------------------------------------------------------------
    $script:silent = New-SilentPeer
    $script:noPrompt = Start-ScriptedSshd -Directory $work -Script 'exec sleep 600'
    $closedPort = Get-FreeTcpPort
    $knownHosts = Join-Path $work 'known_hosts'
    # Host key changed: trust the key first (AcceptNew), then the device gets a new one.
    $d[7] | Select-Object ComputerName, Port, Credential | New-SsmDeviceSession -HostKeyPolicy AcceptNew -KnownHostsPath $knownHosts -ErrorAction Stop | Remove-SsmDeviceSession
    Set-SsmLabDevice -Path $lab.Path -Name $d[7].Name -ChangeHostKey | Out-Null
    Set-SsmLabDevice -Path $lab.Path -Name $d[1].Name -LatencyMs 300 | Out-Null
    Set-SsmLabDevice -Path $lab.Path -Name $d[2].Name -RefuseAuthentication $true | Out-Null
    Set-SsmLabDevice -Path $lab.Path -Name $d[3].Name -HangCommand 'show license status' | Out-Null
    Set-SsmLabDevice -Path $lab.Path -Name $d[4].Name -DropMidOutput $true | Out-Null
    Set-SsmLabDevice -Path $lab.Path -Name $d[5].Name -RegistrationStuck $true | Out-Null
    Set-SsmLabDevice -Path $lab.Path -Name $d[6].Name -RegistrationFailure 'Fail to send out Call Home HTTP message.' | Out-Null
    $wrongEnable = [pscredential]::new('enable', (ConvertTo-SecureString 'NotTheEnableSecret7' -AsPlainText -Force))

    $script:rows = [ordered]@{
        'healthy device'                  = LabInput $d[0]
        'slow device (300 ms per line)'   = LabInput $d[1]
        'auth failure'                    = LabInput $d[2]
        'command hangs past the timeout'  = LabInput $d[3]
        'output cut mid-line, TCP reset'  = LabInput $d[4]
        'registration stuck in progress'  = LabInput $d[5]
        'registration failure, reason'    = LabInput $d[6]
        'host key changed'                = [pscustomobject]@{ ComputerName = '127.0.0.1'; Port = $d[7].Port; Credential = $cred; EnableCredential = $enable; KnownHostsPath = $knownHosts }
        'wrong enable secret'             = LabInput $d[8] @{ EnableCredential = $wrongEnable }
        'connection refused'              = [pscustomobject]@{ ComputerName = '127.0.0.1'; Port = $closedPort; Credential = $cred }
        'unused loopback address'         = [pscustomobject]@{ ComputerName = '127.83.41.9'; Port = $closedPort; Credential = $cred }
        'no SSH banner (black hole)'      = [pscustomobject]@{ ComputerName = '127.0.0.1'; Port = $silent.Port; Credential = $cred }
        'prompt never appears'            = [pscustomobject]@{ ComputerName = '127.0.0.1'; Port = $noPrompt.Port; Credential = $cred; HostKeyFingerprint = $noPrompt.HostKeyFingerprint }
    }
    $baseline = Get-LabSessionCount $lab
    $clock = [Diagnostics.Stopwatch]::StartNew()
    $script:results = @($rows.Values | Register-SsmDevice -Token $tokenText -TimeoutSec 10 -WaitTimeoutSec 10 -ThrottleLimit 16 -SkipConnectivityTest `
        -ErrorAction SilentlyContinue -ErrorVariable fleetErrors)
    $clock.Stop()
    $script:errs = @($fleetErrors)
    $script:elapsed = $clock.Elapsed
    Write-Host "    device fault fleet ($($rows.Count) devices, -TimeoutSec 10): $([math]::Round($elapsed.TotalSeconds, 1)) s"
    $script:leftSessions = if (Wait-Until { (Get-LabSessionCount $lab) -le $baseline } 15) { 0 } else { (Get-LabSessionCount $lab) - $baseline }
    function script:ResultFor([string] $Row) {
        $in = $rows[$Row]
        @($results | Where-Object { $_.ComputerName -eq $in.ComputerName -and $_.Port -eq $in.Port })
    }
}

AfterAll {
    Disconnect-SsmOnPrem -ErrorAction SilentlyContinue
    Get-SsmDeviceSession | Remove-SsmDeviceSession
    if ($script:silent) { $silent.Dispose() }
    if ($script:noPrompt) { Stop-Process -Id $noPrompt.Process.Id -Force -ErrorAction SilentlyContinue }
    if ($script:lab) { $script:lab | Stop-SsmLab }
    if ($script:work) { Remove-Item $work -Recurse -Force -ErrorAction SilentlyContinue }
}

Describe 'Device faults in one fleet run' {
    It 'returns exactly one result per device and one error per failed device, and closes every session' {
        $results | Should -HaveCount $rows.Count
        @($results | Where-Object Status -EQ 'Failed') | Should -HaveCount $errs.Count
        $leftSessions | Should -Be 0
    }

    It '<Row>: <Status> at <Stage> with <ErrorId>' -Tag 'Fault' -ForEach @(
        @{ Row = 'slow device (300 ms per line)'; Status = 'Registered'; Stage = $null; ErrorId = $null; Reason = $null }
        @{ Row = 'auth failure'; Status = 'Failed'; Stage = 'Connect'; ErrorId = 'DeviceAuthenticationFailed'; Reason = $null }
        @{ Row = 'command hangs past the timeout'; Status = 'Failed'; Stage = 'Identify'; ErrorId = 'DeviceCommandTimeout'; Reason = 'show license status' }
        @{ Row = 'output cut mid-line, TCP reset'; Status = 'Failed'; Stage = '*'; ErrorId = 'DeviceConnectionLost'; Reason = $null }
        @{ Row = 'registration stuck in progress'; Status = 'Failed'; Stage = 'Wait'; ErrorId = 'RegistrationTimeout'; Reason = 'IN PROGRESS' }
        @{ Row = 'registration failure, reason'; Status = 'Failed'; Stage = 'Register'; ErrorId = 'RegistrationFailed'; Reason = 'Fail to send out Call Home HTTP message' }
        @{ Row = 'host key changed'; Status = 'Failed'; Stage = 'Connect'; ErrorId = 'HostKeyChanged'; Reason = 'CHANGED' }
        @{ Row = 'wrong enable secret'; Status = 'Failed'; Stage = 'Connect'; ErrorId = 'EnableSecretRejected'; Reason = $null }
        @{ Row = 'connection refused'; Status = 'Failed'; Stage = 'Connect'; ErrorId = 'DeviceConnectionRefused'; Reason = $null }
        @{ Row = 'unused loopback address'; Status = 'Failed'; Stage = 'Connect'; ErrorId = 'DeviceConnectionRefused'; Reason = $null }
        @{ Row = 'no SSH banner (black hole)'; Status = 'Failed'; Stage = 'Connect'; ErrorId = 'DeviceConnectTimeout'; Reason = $null }
        @{ Row = 'prompt never appears'; Status = 'Failed'; Stage = 'Connect'; ErrorId = 'DevicePromptNotFound'; Reason = $null }
    ) {
        $r = ResultFor $Row
        $r | Should -HaveCount 1
        $r = $r[0]
        $r.Status | Should -Be $Status -Because "$($r.FailureStage) $($r.ErrorId) $($r.FailureReason)"
        if ($Stage -eq '*') { $r.FailureStage | Should -Not -BeNullOrEmpty } else { $r.FailureStage | Should -Be $Stage }
        $r.ErrorId | Should -Be $ErrorId
        if ($Reason) { $r.FailureReason | Should -Match ([regex]::Escape($Reason)) }
        if ($Status -eq 'Failed') {
            $e = @($errs | Where-Object { $_.Exception.Message -match ([regex]::Escape("($($r.ComputerName):$($r.Port))")) })
            $e | Should -HaveCount 1
            $e[0].FullyQualifiedErrorId | Should -Be "$ErrorId,SsmOnPrem.Commands.RegisterSsmDeviceCommand"
            $e[0].ErrorDetails.RecommendedAction | Should -Not -BeNullOrEmpty
        }
    }

    It 'the healthy device in the same run registered (the faults did not spill over)' {
        (ResultFor 'healthy device')[0].Status | Should -Be 'Registered'
    }

    It 'no run waits much longer than its timeout: every device finished within a bounded time' {
        # Reported, not a threshold on speed: the bound is the per-device timeout budget (connect + command + wait).
        $results | ForEach-Object { $_.Duration.TotalSeconds } | Measure-Object -Maximum | ForEach-Object { Write-Host "    slowest device: $([math]::Round($_.Maximum, 1)) s" }
        $elapsed.TotalSeconds | Should -BeLessThan 120
    }
}

Describe 'A device that reboots' {
    It 'drops the open session (DeviceConnectionLost), then refuses new ones (DeviceConnectionRefused)' -Tag 'Fault' {
        $device = $d[9]
        $proxy = New-ForwardingPeer $device.Port
        try {
            $s = New-SsmDeviceSession -ComputerName 127.0.0.1 -Port $proxy.Port -Credential $device.Credential -EnableCredential $device.EnableCredential -HostKeyFingerprint $device.HostKeyFingerprint -TimeoutSec 10 -ErrorAction Stop
            $proxy.Stop()   # the reboot: connections reset, port closed
            $err = $null
            Invoke-SsmDeviceCommand -Session $s -Command 'show version' -TimeoutSec 5 -ErrorAction SilentlyContinue -ErrorVariable err | Should -BeNullOrEmpty
            $err[0].FullyQualifiedErrorId | Should -Match '^(DeviceConnectionLost|DeviceSessionClosed),'
            "$($s.State)" | Should -Not -Be 'Open'
            $r = [pscustomobject]@{ ComputerName = '127.0.0.1'; Port = $proxy.Port; Credential = $cred; HostKeyFingerprint = $device.HostKeyFingerprint } |
                Register-SsmDevice -Token $tokenText -TimeoutSec 5 -WaitTimeoutSec 5 -ErrorAction SilentlyContinue
            $r.Status | Should -Be 'Failed'
            $r.ErrorId | Should -Be 'DeviceConnectionRefused'
        }
        finally { $proxy.Dispose() }
    }
}
