# Hardening matrix, On-Prem faults: the emulator (out of process, real HTTPS) injects each fault; the cmdlets must either
# ride it out (bounded retries, one token refresh) or stop with the fault's stable ErrorId and a recommendation.
# Tags: Fault = one injected fault per row (the README counts them).
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-Module (Join-Path $PSScriptRoot 'HardeningHelpers.psm1') -Force
    Import-Module (Join-Path $PSScriptRoot 'OnPremEmulatorHelpers.psm1') -Force
    Import-Module (Get-ModuleManifestPath) -Force
    $script:emulator = Start-OnPremEmulator
    function script:Connect([hashtable] $Extra = @{}) {
        $params = @{ Server = $emulator.url; Credential = $emulator.Credential; Account = $emulator.account; VirtualAccount = $emulator.virtualAccount
            CertificateThumbprint = $emulator.certificateThumbprint; DevicePort = $emulator.port; MaximumRetryCount = 3; TimeoutSec = 5; PassThru = $true }
        foreach ($k in $Extra.Keys) { $params[$k] = $Extra[$k] }
        Connect-SsmOnPrem @params
    }
}

AfterAll {
    Disconnect-SsmOnPrem -ErrorAction SilentlyContinue
    Stop-OnPremEmulator $script:emulator
}

Describe 'Faults the client rides out' {
    BeforeEach { Reset-Emulator $emulator; $script:conn = Connect }
    AfterEach { Set-EmulatorFault $emulator @{} }

    It '<Name>: every call succeeds' -Tag 'Fault' -ForEach @(
        @{ Name = '429 with Retry-After 1 (twice)'; Fault = @{ tooManyRequests = 2; retryAfterSeconds = 1 } }
        @{ Name = '500 burst of 2'; Fault = @{ serverErrors = 2 } }
        @{ Name = '502 while booting for 2 s'; Fault = @{ bootSeconds = 2 } }
        @{ Name = 'a dropped connection on a read'; Fault = @{ dropConnections = 1 } }
        @{ Name = 'slow responses (1.5 s) under the 5 s timeout'; Fault = @{ latencyMs = 1500 } }
    ) {
        Set-EmulatorFault $emulator $Fault
        $clock = [Diagnostics.Stopwatch]::StartNew()
        { Get-SsmToken -ErrorAction Stop; Get-SsmVirtualAccount -ErrorAction Stop } | Should -Not -Throw
        Write-Host "    $Name survived in $($clock.ElapsedMilliseconds) ms"
    }

    It '403 mid-run (access token expires every 2 calls, answered like a missing bearer): one renewal per expiry, every call succeeds' -Tag 'Fault' {
        $before = @((Get-EmulatorState $emulator).accessTokens).Count
        Set-EmulatorFault $emulator @{ unauthorizedAfterCalls = 2 }
        1..6 | ForEach-Object { { Get-SsmToken -ErrorAction Stop } | Should -Not -Throw }
        $refreshes = @((Get-EmulatorState $emulator).accessTokens).Count - $before
        Write-Host "    6 calls, $refreshes new access tokens"
        $refreshes | Should -BeGreaterThan 0
        $refreshes | Should -BeLessOrEqual 3 -Because 'one refresh per expired token (each lasts 2 calls), never a refresh storm'
    }
}

Describe 'Faults that stop with a specific error' {
    BeforeEach { Reset-Emulator $emulator; $script:conn = Connect }
    AfterEach { Set-EmulatorFault $emulator @{} }

    It '<Name> -> <ErrorId> (<Category>)' -Tag 'Fault' -ForEach @(
        @{ Name = '403 on every call'; Fault = @{ forbidden = $true }; ErrorId = 'PermissionDenied'; Category = 'PermissionDenied' }
        @{ Name = '429 that never ends'; Fault = @{ tooManyRequests = 100; retryAfterSeconds = 0 }; ErrorId = 'ServerBusy'; Category = 'ResourceUnavailable' }
        @{ Name = '500 that never ends'; Fault = @{ serverErrors = 100 }; ErrorId = 'ServerError'; Category = 'ResourceUnavailable' }
        @{ Name = '502 for a minute (still booting)'; Fault = @{ bootSeconds = 60 }; ErrorId = 'ServerUnavailable'; Category = 'ResourceUnavailable' }
        @{ Name = 'slow responses past the 5 s timeout'; Fault = @{ latencyMs = 8000 }; ErrorId = 'RequestTimeout'; Category = 'OperationTimeout' }
        @{ Name = 'malformed JSON'; Fault = @{ malformedBodies = 1 }; ErrorId = 'InvalidServerResponse'; Category = 'InvalidData' }
        @{ Name = 'connections dropped every time'; Fault = @{ dropConnections = 100 }; ErrorId = 'ConnectionLost'; Category = 'ConnectionError' }
    ) {
        Set-EmulatorFault $emulator $Fault
        $clock = [Diagnostics.Stopwatch]::StartNew()
        $err = { Get-SsmToken -ErrorAction Stop } | Should -Throw -PassThru -ErrorId "$ErrorId,SsmOnPrem.Commands.GetSsmTokenCommand"
        Write-Host "    $Name -> $ErrorId after $($clock.ElapsedMilliseconds) ms"
        "$($err.CategoryInfo.Category)" | Should -Be $Category
        $err.ErrorDetails.RecommendedAction | Should -Not -BeNullOrEmpty
        "$err" | Should -Not -Match ([regex]::Escape($emulator.clientSecret))
    }

    It 'a dropped connection on a create: looked up by its description before it is sent again, one token' -Tag 'Fault' {
        Set-EmulatorFault $emulator @{ dropConnections = 1 }
        $token = New-SsmToken -Description 'drop test' -AsPlainText -ErrorAction Stop
        $created = @((Get-EmulatorState $emulator).tokens | Where-Object description -EQ 'drop test')
        $created.Count | Should -Be 1
        $token.Token | Should -Be $created[0].value
    }

    It '504 after the server created the token: found by its description, not created twice' -Tag 'Fault' {
        Set-EmulatorFault $emulator @{ gatewayTimeoutAfterCreate = 1 }
        $lines = New-SsmToken -Description '504 test' -AsPlainText -Verbose 4>&1
        $token = $lines | Where-Object { $_ -isnot [System.Management.Automation.VerboseRecord] }
        $created = @((Get-EmulatorState $emulator).tokens | Where-Object description -EQ '504 test')
        $created.Count | Should -Be 1
        $token.Token | Should -Be $created[0].value
        ($lines -join "`n") | Should -Match '-> 504'
        ($lines -join "`n") | Should -Match 'did create the token'
    }

    It '504 after a virtual account was created: not created twice, no error' -Tag 'Fault' {
        Set-EmulatorFault $emulator @{ gatewayTimeoutAfterCreate = 1 }
        (New-SsmVirtualAccount -Name 'After 504' -ErrorAction Stop).Name | Should -Be 'After 504'
        @((Get-EmulatorState $emulator).virtualAccounts | Where-Object { $_ -eq 'After 504' }).Count | Should -Be 1
    }

    It 'a create whose outcome cannot be checked (500 on the create and on every lookup) -> CreateOutcomeUnknown' -Tag 'Fault' {
        Set-EmulatorFault $emulator @{ serverErrors = 100 }
        $err = { New-SsmToken -Description 'unknown outcome' -ErrorAction Stop } | Should -Throw -PassThru -ErrorId 'CreateOutcomeUnknown,SsmOnPrem.Commands.NewSsmTokenCommand'
        $err.ErrorDetails.RecommendedAction | Should -Match 'unknown outcome'
    }

    It '404 unknown account -> AccountNotFound, naming the accounts that exist' -Tag 'Fault' {
        $err = { Connect @{ Account = 'No Such Account' } } | Should -Throw -PassThru -ErrorId 'AccountNotFound,SsmOnPrem.Commands.ConnectSsmOnPremCommand'
        $err.Exception.Message | Should -Match ([regex]::Escape($emulator.account))
    }

    It '401 for a wrong client secret -> AuthenticationFailed, once, no retry storm' -Tag 'Fault' {
        $calls = (Get-EmulatorState $emulator).apiCalls
        $bad = [pscredential]::new($emulator.clientId, (ConvertTo-SecureString 'wrong-secret-123' -AsPlainText -Force))
        { Connect @{ Credential = $bad } } | Should -Throw -ErrorId 'AuthenticationFailed,SsmOnPrem.Commands.ConnectSsmOnPremCommand'
        ((Get-EmulatorState $emulator).apiCalls - $calls) | Should -BeLessOrEqual 2
    }
}

Describe 'TLS certificate changed under a pinned connection' {
    It 'the server comes back on the same port with a new certificate: CertificateMismatch, nothing sent' -Tag 'Fault' {
        $first = Start-OnPremEmulator
        $second = $null
        try {
            $c = Connect-SsmOnPrem -Server $first.url -Credential $first.Credential -Account $first.account -ServerCertificateThumbprint $first.certificateThumbprint -PassThru -TimeoutSec 5
            { Get-SsmToken -Connection $c -VirtualAccount $first.virtualAccount -ErrorAction Stop } | Should -Not -Throw
            $port = $first.port
            Stop-OnPremEmulator $first; $first = $null
            $second = Start-OnPremEmulator -Port $port
            $second.certificateThumbprint | Should -Not -Be $c.CertificateThumbprint
            $err = { Get-SsmToken -Connection $c -VirtualAccount $second.virtualAccount -ErrorAction Stop } | Should -Throw -PassThru -ErrorId 'CertificateMismatch,SsmOnPrem.Commands.GetSsmTokenCommand'
            "$($err.CategoryInfo.Category)" | Should -Be 'SecurityError'
            (Get-EmulatorState $second).apiCalls | Should -Be 0 -Because 'the TLS handshake failed before any request'
        }
        finally { Stop-OnPremEmulator $first; Stop-OnPremEmulator $second }
    }
}
