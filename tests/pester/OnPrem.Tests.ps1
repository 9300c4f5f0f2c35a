# The On-Prem cmdlets through the built module, against the SSM On-Prem emulator running out of process over real HTTPS
# (SsmOnPrem.Lab onprem, dynamic port, its own state folder). Build first: dotnet pwsh ./build.ps1 Build.
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force

    Import-Module (Join-Path $PSScriptRoot 'OnPremEmulatorHelpers.psm1') -Force

    function Connect-Lab($Lab, [hashtable] $Extra = @{}) {
        $params = @{
            Server = $Lab.url; Credential = $Lab.Credential; Account = $Lab.account; VirtualAccount = $Lab.virtualAccount
            CertificateThumbprint = $Lab.certificateThumbprint; DevicePort = $Lab.port
        }
        foreach ($k in $Extra.Keys) { if ($null -eq $Extra[$k]) { $params.Remove($k) } else { $params[$k] = $Extra[$k] } }
        Connect-SsmOnPrem @params
    }

    Import-Module (Get-ModuleManifestPath) -Force
    $script:lab = Start-OnPremEmulator
}

AfterAll {
    Disconnect-SsmOnPrem
    Stop-OnPremEmulator $script:lab
}

Describe 'Connect-SsmOnPrem' {
    BeforeEach { Reset-Emulator $lab; Disconnect-SsmOnPrem }

    It 'connects with a pinned SHA-256 thumbprint and becomes the default connection' {
        $c = Connect-Lab $lab @{ PassThru = $true }
        $c.GetType().FullName | Should -Be 'SsmOnPrem.Client.OnPrem.OnPremConnection'
        $c.Account | Should -Be $lab.account
        "$($c.ApiPrefix)" | Should -Be 'Root'
        @(Get-SsmToken).Count | Should -Be 0
    }

    It 'connects with a pinned SHA-1 thumbprint' {
        { Connect-Lab $lab @{ CertificateThumbprint = $lab.certificateThumbprintSha1 } } | Should -Not -Throw
    }

    It 'refuses a wrong pin with CertificateMismatch' {
        $err = { Connect-Lab $lab @{ CertificateThumbprint = ('AB' * 32) } } | Should -Throw -PassThru -ErrorId 'CertificateMismatch,SsmOnPrem.Commands.ConnectSsmOnPremCommand'
        "$($err.CategoryInfo.Category)" | Should -Be 'SecurityError'
        $err.Exception.Message | Should -Match $lab.certificateThumbprint
    }

    It 'refuses an untrusted certificate unless -SkipCertificateCheck' {
        { Connect-Lab $lab @{ CertificateThumbprint = $null } } | Should -Throw -ErrorId 'CertificateUntrusted,SsmOnPrem.Commands.ConnectSsmOnPremCommand'
        $warnings = Connect-Lab $lab @{ CertificateThumbprint = $null; SkipCertificateCheck = $true } 3>&1
        "$warnings" | Should -Match 'not checked'
        @(Get-SsmToken).Count | Should -Be 0
    }

    It 'refuses a wrong client secret with AuthenticationFailed' {
        $bad = [pscredential]::new($lab.clientId, (ConvertTo-SecureString 'not-the-secret' -AsPlainText -Force))
        $err = { Connect-Lab $lab @{ Credential = $bad } } | Should -Throw -PassThru -ErrorId 'AuthenticationFailed,SsmOnPrem.Commands.ConnectSsmOnPremCommand'
        "$($err.CategoryInfo.Category)" | Should -Be 'AuthenticationError'
        $err.ErrorDetails.RecommendedAction | Should -Match 'API Toolkit'
    }

    It 'names the accounts and virtual accounts that exist' {
        $err = { Connect-Lab $lab @{ Account = 'Nope' } } | Should -Throw -PassThru -ErrorId 'AccountNotFound,SsmOnPrem.Commands.ConnectSsmOnPremCommand'
        $err.Exception.Message | Should -Match "'Lab Account'"
        $err = { Connect-Lab $lab @{ VirtualAccount = 'Nope' } } | Should -Throw -PassThru -ErrorId 'VirtualAccountNotFound,SsmOnPrem.Commands.ConnectSsmOnPremCommand'
        $err.Exception.Message | Should -Match "'Default', 'Campus'"
        "$($err.CategoryInfo.Category)" | Should -Be 'ObjectNotFound'
    }

    It 'says NotConnected when there is no connection' {
        { Get-SsmToken } | Should -Throw -ErrorId 'NotConnected,SsmOnPrem.Commands.GetSsmTokenCommand'
    }

    It 'uses -Connection over the default, and a closed connection says NotConnected' {
        $campus = Connect-Lab $lab @{ PassThru = $true; VirtualAccount = 'Campus' }
        Connect-Lab $lab   # a new default (virtual account Default) does not close $campus
        New-SsmToken -Connection $campus -Description via-param | Out-Null
        (Get-EmulatorState $lab).tokens.virtualAccount | Should -Be 'Campus'
        Disconnect-SsmOnPrem -Connection $campus
        { Get-SsmToken -Connection $campus -ErrorAction Stop } | Should -Throw -ErrorId 'NotConnected,SsmOnPrem.Commands.GetSsmTokenCommand'
        @(Get-SsmToken).Count | Should -Be 0   # the default is still open
    }
}

Describe 'Tokens' {
    BeforeAll { Reset-Emulator $lab; Connect-Lab $lab }
    BeforeEach { Reset-Emulator $lab }

    It 'creates, lists, builds the CSLU URL and revokes (the Done-when workflow)' {
        $lines = New-SsmToken -Description 'fleet A' -ExpiresAfterDays 7 -MaxUses 10 -ExportControlled -Verbose -WarningVariable limitWarning 4>&1 3>$null
        $token = $lines | Where-Object { $_ -isnot [System.Management.Automation.VerboseRecord] }
        "$limitWarning" | Should -Match 'did not confirm the limit of 10 uses for token \*{4}'
        "$limitWarning" | Should -Not -Match ([regex]::Escape((New-Object System.Net.NetworkCredential('', $token.Token)).Password))
        $token.PSObject.TypeNames[0] | Should -Be 'SsmOnPrem.Token'
        $token.Token | Should -BeOfType [securestring]
        # The server answers only tokenInfo.token: no limit, status or expiry is claimed that it did not send.
        $token.MaxUses | Should -BeNullOrEmpty
        $token.UsesRemaining | Should -BeNullOrEmpty
        $token.Status | Should -BeNullOrEmpty
        $token.RequestedMaxUses | Should -Be 10
        ($lines -join "`n") | Should -Match 'did not confirm a limit'
        $token.ExportControlled | Should -BeTrue

        $listed = @(Get-SsmToken)
        $listed.Count | Should -Be 1
        $listed[0].Description | Should -Be 'fleet A'
        $listed[0].Status | Should -Be 'ACTIVE'

        $url = Get-SsmTransportUrl -Type Cslu
        "$($url.Url)" | Should -Be $lab.csluUrl

        Get-SsmToken | Revoke-SsmToken -Confirm:$false
        @(Get-SsmToken).Count | Should -Be 0
        (Get-SsmToken -IncludeExpired).Status | Should -Be 'REVOKED'
        (Get-EmulatorState $lab).tokens[0].revoked | Should -BeTrue
    }

    It 'gives plaintext only with -AsPlainText' {
        $token = New-SsmToken -AsPlainText
        $token.Token | Should -BeOfType [string]
        $token.Token | Should -Be (Get-EmulatorState $lab).tokens[0].value
        ($token | Out-String) | Should -Not -Match ([regex]::Escape($token.Token))
        "$token" | Should -Not -Match ([regex]::Escape($token.Token))
    }

    It 'sends nothing with -WhatIf and shows the HTTP call' {
        # What-if text goes to the host, not to a stream: a transcript captures it.
        $transcript = Join-Path $lab.Directory ("whatif-" + [guid]::NewGuid() + '.txt')
        Start-Transcript -Path $transcript | Out-Null
        try { New-SsmToken -Description whatif -MaxUses 3 -WhatIf } finally { Stop-Transcript | Out-Null }
        $text = Get-Content $transcript -Raw
        $text | Should -Match 'What if: POST https://127\.0\.0\.1:\d+/api/v1/accounts/Lab%20Account/virtual-accounts/Default/tokens'
        $text | Should -Match '"numberofUses":3'
        @((Get-EmulatorState $lab).tokens).Count | Should -Be 0
    }

    It 'revokes nothing with -WhatIf, even with -Force' {
        New-SsmToken | Out-Null
        Get-SsmToken | Revoke-SsmToken -Force -WhatIf
        (Get-EmulatorState $lab).tokens[0].revoked | Should -BeFalse
    }

    It 'rejects out-of-range values before sending anything' {
        { New-SsmToken -ExpiresAfterDays 366 } | Should -Throw -ErrorId 'ParameterArgumentValidationError,SsmOnPrem.Commands.NewSsmTokenCommand'
        { New-SsmToken -MaxUses 0 } | Should -Throw -ErrorId 'ParameterArgumentValidationError,SsmOnPrem.Commands.NewSsmTokenCommand'
        @((Get-EmulatorState $lab).tokens).Count | Should -Be 0
    }

    It 'reports an unknown virtual account with the names that exist' {
        $err = { Get-SsmToken -VirtualAccount Nope -ErrorAction Stop } | Should -Throw -PassThru -ErrorId 'VirtualAccountNotFound,SsmOnPrem.Commands.GetSsmTokenCommand'
        $err.Exception.Message | Should -Match "'Campus'"
    }
}

Describe 'Server faults' {
    BeforeAll { Reset-Emulator $lab; Connect-Lab $lab @{ MaximumRetryCount = 2 } }
    BeforeEach { Reset-Emulator $lab }
    AfterEach { Set-EmulatorFault $lab @{} }

    It 'maps <Fault> to <ErrorId> (<Category>)' -ForEach @(
        @{ Fault = @{ forbidden = $true }; ErrorId = 'PermissionDenied'; Category = 'PermissionDenied' }
        @{ Fault = @{ serverErrors = 100 }; ErrorId = 'ServerError'; Category = 'ResourceUnavailable' }
        @{ Fault = @{ tooManyRequests = 100; retryAfterSeconds = 0 }; ErrorId = 'ServerBusy'; Category = 'ResourceUnavailable' }
        @{ Fault = @{ bootSeconds = 60 }; ErrorId = 'ServerUnavailable'; Category = 'ResourceUnavailable' }
        @{ Fault = @{ malformedBodies = 1 }; ErrorId = 'InvalidServerResponse'; Category = 'InvalidData' }
    ) {
        Set-EmulatorFault $lab $Fault
        $err = { Get-SsmToken -ErrorAction Stop } | Should -Throw -PassThru -ErrorId "$ErrorId,SsmOnPrem.Commands.GetSsmTokenCommand"
        "$($err.CategoryInfo.Category)" | Should -Be $Category
        $err.ErrorDetails.RecommendedAction | Should -Not -BeNullOrEmpty
    }

    It 'waits out a server that is still booting (502) and a 403 for an expired access token' {
        Set-EmulatorFault $lab @{ bootSeconds = 1; unauthorizedAfterCalls = 1 }
        { Get-SsmToken -ErrorAction Stop; Get-SsmToken -ErrorAction Stop } | Should -Not -Throw
    }
}

Describe 'Inventory, virtual accounts and synchronization' {
    BeforeAll { Reset-Emulator $lab; Connect-Lab $lab }
    BeforeEach { Reset-Emulator $lab }

    It 'builds every transport URL' {
        "$((Get-SsmTransportUrl -Type SmartTransport).Url)" | Should -Be $lab.smartTransportUrl
        "$((Get-SsmTransportUrl -Type CallHome).Url)" | Should -Be $lab.callHomeUrl
        # The tenant is the local account's ("Lab Account", a space): %20 kept end to end.
        "$((Get-SsmTransportUrl -VirtualAccount Campus).Url)" | Should -BeExactly $lab.csluUrl
        $lab.csluUrl | Should -Match '/cslu/v1/pi/Lab%20Account-1$'
        (Get-SsmTransportUrl -TenantId 'Lab Account-1').Url | Should -BeExactly $lab.csluUrl
    }

    It 'shows a product instance that reported usage, with its alert' {
        $report = @{ action = 'report'; device = @{ hostname = 'edge-1'; pid = 'C8300-1N1S'; serialNumber = 'FDO2611A0AB' }; usage = @(@{ entitlementTag = 'x'; name = 'DNA Advantage'; count = 2 }) }
        Invoke-RestMethod $lab.csluUrl -Method Post -SkipCertificateCheck -ContentType 'application/json' -Body ($report | ConvertTo-Json -Depth 5) | Out-Null
        $pi = Get-SsmProductInstance -SerialNumber FDO2611A0AB
        $pi.Name | Should -Be 'edge-1'
        $pi.ProductId | Should -Be 'C8300-1N1S'
        $pi.Sudi.UdiSerialNumber | Should -Be 'FDO2611A0AB'
        $pi.ProductTag | Should -Match '^regid\.'
        $pi.LastReportOn | Should -Not -BeNullOrEmpty
        $pi.Alerts.Message | Should -Be 'Usage report from product instance'
        @(Get-SsmProductInstance -Name nobody).Count | Should -Be 0
        (Get-SsmProductInstance -Name EDGE-1).SerialNumber | Should -Be 'FDO2611A0AB'
    }

    It 'lists licenses with their compliance status' {
        $report = @{ action = 'report'; device = @{ hostname = 'edge-2'; pid = 'C8300-1N1S'; serialNumber = 'FDO2611A0AC' }; usage = @(@{ entitlementTag = 'x'; name = 'DNA Advantage'; count = 2 }) }
        Invoke-RestMethod $lab.csluUrl -Method Post -SkipCertificateCheck -ContentType 'application/json' -Body ($report | ConvertTo-Json -Depth 5) | Out-Null
        $license = Get-SsmLicense
        $license.Name | Should -Be 'DNA Advantage'
        $license.Status | Should -Be 'Out Of Compliance'
        $license.InUse | Should -Be 2
        @(Get-SsmLicense -OutOfCompliance).Count | Should -Be 1
        @(Get-SsmLicense -VirtualAccount Campus).Count | Should -Be 0
    }

    It 'moves product instances from the pipeline (ConfirmImpact High: -WhatIf moves nothing)' {
        foreach ($sn in 'FDO0000MV1', 'FDO0000MV2') {
            $report = @{ action = 'report'; device = @{ hostname = "mv-$sn"; pid = 'C8300-1N1S'; serialNumber = $sn } }
            Invoke-RestMethod $lab.csluUrl -Method Post -SkipCertificateCheck -ContentType 'application/json' -Body ($report | ConvertTo-Json -Depth 5) | Out-Null
        }
        (Get-Command Move-SsmProductInstance).ImplementingType.GetCustomAttributes([System.Management.Automation.CmdletAttribute], $false).ConfirmImpact | Should -Be 'High'
        Get-SsmProductInstance | Move-SsmProductInstance -TargetVirtualAccount Campus -WhatIf
        @(Get-SsmProductInstance -VirtualAccount Campus).Count | Should -Be 0
        $moved = Get-SsmProductInstance | Move-SsmProductInstance -TargetVirtualAccount Campus -Confirm:$false
        $moved.VirtualAccount | Sort-Object -Unique | Should -Be 'Campus'
        @(Get-SsmProductInstance -VirtualAccount Campus).Count | Should -Be 2
        $err = { Get-SsmProductInstance -VirtualAccount Campus | Select-Object -First 1 | Move-SsmProductInstance -TargetVirtualAccount Nowhere -Confirm:$false -ErrorAction Stop } |
            Should -Throw -PassThru -ErrorId 'VirtualAccountNotFound,SsmOnPrem.Commands.MoveSsmProductInstanceCommand'
        $err.Exception.Message | Should -Match "'Default', 'Campus'"
    }

    It 'creates and lists virtual accounts' {
        New-SsmVirtualAccount -Name 'Branch 7' -Description 'test' -WhatIf
        (Get-EmulatorState $lab).virtualAccounts | Should -Not -Contain 'Branch 7'
        (New-SsmVirtualAccount -Name 'Branch 7' -Description 'test').Name | Should -Be 'Branch 7'
        (Get-SsmVirtualAccount -Name 'Branch*').Name | Should -Be 'Branch 7'
        @(Get-SsmVirtualAccount).Count | Should -Be 3
        (Get-SsmVirtualAccount -Name Default).IsDefault | Should -BeTrue
        Remove-SsmVirtualAccount -Name 'Branch 7' -WhatIf
        (Get-EmulatorState $lab).virtualAccounts | Should -Contain 'Branch 7'
        Get-SsmVirtualAccount -Name 'Branch 7' | Remove-SsmVirtualAccount -Confirm:$false
        (Get-EmulatorState $lab).virtualAccounts | Should -Not -Contain 'Branch 7'
        { Remove-SsmVirtualAccount -Name '..' -Confirm:$false -ErrorAction Stop } | Should -Throw -ErrorId 'InvalidName,SsmOnPrem.Commands.RemoveSsmVirtualAccountCommand'
    }

    It 'synchronizes, and reads the status without triggering it' {
        (Sync-SsmOnPrem -StatusOnly).Status | Should -Be 'NEVER'
        Sync-SsmOnPrem -WhatIf
        (Sync-SsmOnPrem -StatusOnly).Status | Should -Be 'NEVER'
        (Sync-SsmOnPrem).Status | Should -Be 'COMPLETED'
    }
}

Describe 'Local accounts, grants and the API probe' {
    BeforeEach { Reset-Emulator $lab; Disconnect-SsmOnPrem }

    It 'connects without -Account to the only local account, and lists it with Get-SsmAccount' {
        $c = Connect-Lab $lab @{ Account = $null; PassThru = $true }
        $c.Account | Should -Be 'Lab Account'
        $a = Get-SsmAccount
        $a.Name | Should -Be 'Lab Account'
        $a.Domain | Should -Be 'lab.example.com'
        $a.CsluTenantUrl | Should -BeExactly $lab.csluUrl
        (Get-SsmAccount -Name 'lab.*').Name | Should -Be 'Lab Account'
        (Connect-Lab $lab @{ Account = 'lab.example.com'; PassThru = $true }).Account | Should -Be 'Lab Account'
    }

    It 'uses the password grant with -UserCredential and refuses a wrong password' {
        $user = [pscredential]::new($lab.userName, (ConvertTo-SecureString $lab.userPassword -AsPlainText -Force))
        $c = Connect-Lab $lab @{ UserCredential = $user; PassThru = $true }
        $c.Grant | Should -Be 'password'
        $c.UserName | Should -Be $lab.userName
        @(Get-SsmVirtualAccount).Count | Should -Be 2
        $bad = [pscredential]::new($lab.userName, (ConvertTo-SecureString 'not-it' -AsPlainText -Force))
        $err = { Connect-Lab $lab @{ UserCredential = $bad } } | Should -Throw -PassThru -ErrorId 'AuthenticationFailed,SsmOnPrem.Commands.ConnectSsmOnPremCommand'
        $err.ErrorDetails.RecommendedAction | Should -Match 'UserCredential'
    }

    It 'takes -ServerCertificateThumbprint (old name -CertificateThumbprint still works) and warns for a SHA-1 pin' {
        (Get-Command Connect-SsmOnPrem).Parameters['ServerCertificateThumbprint'].Aliases | Should -Contain 'CertificateThumbprint'
        $c = Connect-SsmOnPrem -Server $lab.url -Credential $lab.Credential -Account $lab.account -ServerCertificateThumbprint $lab.certificateThumbprint -DevicePort $lab.port -PassThru -WarningVariable w
        $c.CertificateThumbprint | Should -Be $lab.certificateThumbprint
        @($w | Where-Object { "$_" -match 'SHA-1' }).Count | Should -Be 0
        $w1 = Connect-Lab $lab @{ CertificateThumbprint = $lab.certificateThumbprintSha1 } 3>&1
        "$w1" | Should -Match 'SHA-1'
    }

    It 'Test-SsmOnPremApi: one row per endpoint, changes nothing, -Verbose shows the requests with secrets masked' {
        Connect-Lab $lab
        $verbose = [System.Collections.Generic.List[string]]::new()
        $rows = Test-SsmOnPremApi -Verbose 4>&1 | ForEach-Object { if ($_ -is [System.Management.Automation.VerboseRecord]) { $verbose.Add("$_") } else { $_ } }
        $rows.Count | Should -BeGreaterThan 10
        ($rows | Where-Object Endpoint -EQ 'Local accounts').Result | Should -Be 'Supported'
        ($rows | Where-Object Endpoint -EQ 'Local accounts (older GET)').StatusCode | Should -Be 404
        ($rows | Where-Object Endpoint -EQ 'Create token').Result | Should -Be 'Skipped'
        @($rows | Where-Object Result -EQ 'Error').Count | Should -Be 0
        ($verbose -join "`n") | Should -Match 'POST https://127\.0\.0\.1:\d+/api/v1/upstream_satellites/accounts'
        ($verbose -join "`n").Contains($lab.clientSecret) | Should -BeFalse
        @((Get-EmulatorState $lab).tokens).Count | Should -Be 0
    }
}

Describe 'Several local accounts' {
    BeforeAll { $script:multi = Start-OnPremEmulator @('--extra-account', 'Other-Org') }
    AfterAll { Stop-OnPremEmulator $multi }

    It 'without -Account fails listing the candidates' {
        $err = { Connect-Lab $multi @{ Account = $null } } | Should -Throw -PassThru -ErrorId 'AccountRequired,SsmOnPrem.Commands.ConnectSsmOnPremCommand'
        $err.Exception.Message | Should -Match "'Lab Account' \(domain lab.example.com\), 'Other-Org'"
    }
}

Describe 'A server on the /backend prefix that does not report tenants nor the inferred endpoints' {
    BeforeAll {
        $script:other = Start-OnPremEmulator @('--api-prefix', 'BackendOnly', '--no-tenant-id', '--no-inferred-endpoints')
        $script:conn = Connect-Lab $other @{ PassThru = $true }
    }
    AfterAll { Stop-OnPremEmulator $other }

    It 'falls back to /backend with -ApiPrefix Auto and fails clearly with -ApiPrefix Root' {
        "$($conn.ApiPrefix)" | Should -Be 'Backend'
        { Connect-Lab $other @{ ApiPrefix = 'Root' } } | Should -Throw -ErrorId 'EndpointNotSupported,SsmOnPrem.Commands.ConnectSsmOnPremCommand'
    }

    It 'asks for -TenantId, and builds the CSLU URL with it' {
        $err = { Get-SsmTransportUrl -Connection $conn -ErrorAction Stop } | Should -Throw -PassThru -ErrorId 'TenantIdRequired,SsmOnPrem.Commands.GetSsmTransportUrlCommand'
        $err.ErrorDetails.RecommendedAction | Should -Match 'CSLU Transport URL'
        "$((Get-SsmTransportUrl -Connection $conn -TenantId 1).Url)" | Should -Be $other.csluUrl
    }

    It 'says the server does not expose revocation or sync (the weakly evidenced and inferred endpoints)' {
        $token = New-SsmToken -Connection $conn
        $err = { $token | Revoke-SsmToken -Connection $conn -Force -ErrorAction Stop } | Should -Throw -PassThru -ErrorId 'EndpointNotSupported,SsmOnPrem.Commands.RevokeSsmTokenCommand'
        $err.Exception.Message | Should -Match 'does not expose token revocation through its API'
        "$($err.CategoryInfo.Category)" | Should -Be 'NotImplemented'
        @(Get-SsmProductInstance -Connection $conn).Count | Should -Be 0
        { Sync-SsmOnPrem -Connection $conn -ErrorAction Stop } | Should -Throw -ErrorId 'EndpointNotSupported,SsmOnPrem.Commands.SyncSsmOnPremCommand'
        (Test-SsmOnPremApi -Connection $conn | Where-Object Endpoint -EQ 'Synchronization status').Result | Should -Be 'NotSupported'
        (Test-SsmOnPremApi -Connection $conn | Where-Object Endpoint -EQ 'API prefix /api/v1').Result | Should -Be 'NotSupported'
    }
}

Describe 'Secrets never reach the verbose, debug or error streams' {
    BeforeAll { Reset-Emulator $lab; Disconnect-SsmOnPrem }

    It 'keeps the client secret, access tokens and ID tokens out of -Verbose, -Debug, errors and ToString' {
        $captured = [System.Collections.Generic.List[string]]::new()
        Connect-Lab $lab @{ Verbose = $true; Debug = $true } 4>&1 5>&1 | ForEach-Object { $captured.Add("$_") }
        $token = New-SsmToken -AsPlainText -Description secrets -Verbose -Debug 4>&1 5>&1 | ForEach-Object { if ($_ -is [System.Management.Automation.InformationalRecord]) { $captured.Add("$_") } else { $_ } }
        $token.Token | Should -Not -BeNullOrEmpty
        Set-EmulatorFault $lab @{ unauthorizedAfterCalls = 1 }
        Get-SsmToken -Verbose -Debug 4>&1 5>&1 | ForEach-Object { $captured.Add("$_") }
        Get-SsmToken -IncludeExpired -Verbose -Debug 4>&1 5>&1 | ForEach-Object { $captured.Add("$_") }
        Set-EmulatorFault $lab @{}
        $token | Revoke-SsmToken -Force -Verbose -Debug 4>&1 5>&1 | ForEach-Object { $captured.Add("$_") }
        $bad = [pscredential]::new($lab.clientId, (ConvertTo-SecureString ($lab.clientSecret + 'x') -AsPlainText -Force))
        try { Connect-Lab $lab @{ Credential = $bad; Verbose = $true; Debug = $true } 4>&1 5>&1 | ForEach-Object { $captured.Add("$_") } }
        catch { $captured.Add("$_"); $captured.Add($_.ErrorDetails.RecommendedAction) }
        $user = [pscredential]::new($lab.userName, (ConvertTo-SecureString $lab.userPassword -AsPlainText -Force))
        Connect-Lab $lab @{ UserCredential = $user; Verbose = $true; Debug = $true } 4>&1 5>&1 | ForEach-Object { $captured.Add("$_") }
        Test-SsmOnPremApi -Verbose -Debug 4>&1 5>&1 | ForEach-Object { $captured.Add("$_") }
        # Displays of a token (plaintext only appears in .Token itself, which the user asked for with -AsPlainText).
        $captured.Add("$token"); $captured.Add(($token | Out-String)); $captured.Add((New-SsmToken | Format-List * | Out-String))

        $text = $captured -join "`n"
        $text | Should -Match 'POST https://127\.0\.0\.1:\d+/oauth/token'
        $text | Should -Match 'body:'
        $text | Should -Match 'renewing the access token once'
        $text | Should -Match '-> 403'
        $state = Get-EmulatorState $lab
        $secrets = @($lab.clientSecret, $lab.userPassword) + @($state.accessTokens) + @($state.tokens.value)
        $secrets.Count | Should -BeGreaterThan 3
        foreach ($secret in $secrets) { $text.Contains($secret) | Should -BeFalse -Because "'$($secret.Substring(0,4))...' must be masked" }
    }
}
